using System.Diagnostics.CodeAnalysis;
using Recut.Protocol.Errors;

namespace Recut.Protocol.Requests;

/// <summary>Outcome of <see cref="CreateRequestParser.Parse(ReadOnlySpan{byte}, Dialect)"/>: a request or an error, never both.</summary>
public sealed class ParseResult
{
    private ParseResult(EditRequest? request, ApiError? error, bool usesOss)
    {
        Request = request;
        Error = error;
        UsesOss = usesOss;
    }

    public EditRequest? Request { get; }
    public ApiError? Error { get; }

    /// <summary>Some media url is <c>oss://…</c>: the route must then require
    /// <c>X-DashScope-OssResourceResolve: enable</c> (API.md §2).</summary>
    public bool UsesOss { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Request is not null;

    public static ParseResult Valid(EditRequest request, bool usesOss)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ParseResult(request, null, usesOss);
    }

    public static ParseResult Invalid(ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ParseResult(null, error, false);
    }
}
