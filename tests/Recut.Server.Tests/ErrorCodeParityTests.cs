using System.Reflection;
using Recut.Media;
using Recut.Protocol.Errors;

namespace Recut.Server.Tests;

/// <summary>Media cannot reference Protocol, so it keeps its own copies of the codes: they must never drift.</summary>
public sealed class ErrorCodeParityTests
{
    [Fact]
    public void Every_media_error_code_is_a_protocol_error_code()
    {
        var protocol = Constants(typeof(ErrorCodes)).ToHashSet(StringComparer.Ordinal);
        var media = Constants(typeof(MediaErrorCodes)).ToList();
        Assert.NotEmpty(media);
        Assert.All(media, code => Assert.Contains(code, protocol));
    }

    [Theory]
    [InlineData(ErrorCodes.InvalidApiKey, 401)]
    [InlineData(ErrorCodes.AccessDenied, 403)]
    [InlineData(ErrorCodes.SignatureDoesNotMatch, 403)]
    [InlineData(ErrorCodes.ModelNotFound, 404)]
    [InlineData(ErrorCodes.TaskNotFound, 404)]
    [InlineData(ErrorCodes.NotFound, 404)]
    [InlineData(ErrorCodes.Throttling, 429)]
    [InlineData(ErrorCodes.RateQuota, 429)]
    [InlineData(ErrorCodes.AllocationQuota, 429)]
    [InlineData(ErrorCodes.StorageQuota, 429)]
    [InlineData(ErrorCodes.RequestTimeout, 408)]
    [InlineData(ErrorCodes.InternalError, 500)]
    [InlineData(ErrorCodes.Timeout, 500)]
    [InlineData(ErrorCodes.ModelUnavailable, 503)]
    [InlineData(ErrorCodes.FileDuration, 400)]
    [InlineData(ErrorCodes.UrlTimeout, 400)]
    [InlineData(ErrorCodes.IllegalInput, 400)]
    public void Codes_map_to_the_status_of_api_md_section_7(string code, int status) =>
        Assert.Equal(status, ErrorStatus.For(code));

    private static IEnumerable<string> Constants(Type t) =>
        t.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
