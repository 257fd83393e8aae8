using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Recut.Server.Endpoints;

/// <summary>
/// Errors of the OSS-style form upload as OSS writes them (XML: Code, Message, RequestId, HostId), because that route
/// stands in for an OSS bucket and clients that talk to it parse OSS answers.
/// </summary>
public static class OssXml
{
    public static IResult Error(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var xml = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("Error",
                new XElement("Code", code),
                new XElement("Message", message),
                new XElement("RequestId", RequestIds.Of(context)),
                new XElement("HostId", context.Request.Host.Host)));
        return Results.Text(xml.Declaration + "\n" + xml.Root, "application/xml", System.Text.Encoding.UTF8, status);
    }

    /// <summary>The body of success_action_status=201: what was stored, as OSS's PostResponse.</summary>
    public static IResult Created(string location, string bucket, string key)
    {
        var xml = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("PostResponse",
                new XElement("Bucket", bucket),
                new XElement("Location", location),
                new XElement("Key", key)));
        return Results.Text(xml.Declaration + "\n" + xml.Root, "application/xml", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }
}
