using Microsoft.AspNetCore.Http;

namespace Recut.Server.Endpoints;

/// <summary>Every response carries a request id (body and X-Request-Id header) so a user can quote it in a report.</summary>
public static class RequestIds
{
    private const string Item = "recut.request_id";

    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(Item, out var value) && value is string id)
        {
            return id;
        }
        id = Guid.NewGuid().ToString();
        context.Items[Item] = id;
        return id;
    }

    /// <summary>Middleware: assigns the id early and echoes it in a header.</summary>
    public static async Task AssignAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var id = Of(context);
        context.Response.Headers["X-Request-Id"] = id;
        await next();
    }
}
