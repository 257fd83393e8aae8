using Recut.Protocol.Errors;

namespace Recut.Protocol.Tests.Errors;

public class ErrorTests
{
    [Theory]
    [InlineData(ErrorCodes.InvalidParameter, 400)]
    [InlineData(ErrorCodes.DataInspection, 400)]
    [InlineData(ErrorCodes.InvalidUrl, 400)]
    [InlineData(ErrorCodes.UrlTimeout, 400)]
    [InlineData(ErrorCodes.FileFormat, 400)]
    [InlineData(ErrorCodes.EmptyInput, 400)]
    [InlineData(ErrorCodes.EmptyModel, 400)]
    [InlineData(ErrorCodes.IllegalInput, 400)]
    [InlineData(ErrorCodes.UnsupportedOperation, 400)]
    [InlineData(ErrorCodes.DataInspectionFailed, 400)]
    [InlineData(ErrorCodes.InvalidApiKey, 401)]
    [InlineData(ErrorCodes.AccessDenied, 403)]
    [InlineData(ErrorCodes.SignatureDoesNotMatch, 403)]
    [InlineData(ErrorCodes.ModelNotFound, 404)]
    [InlineData(ErrorCodes.TaskNotFound, 404)]
    [InlineData(ErrorCodes.Throttling, 429)]
    [InlineData(ErrorCodes.RateQuota, 429)]
    [InlineData(ErrorCodes.StorageQuota, 429)]
    [InlineData(ErrorCodes.RequestTimeout, 408)]
    [InlineData(ErrorCodes.InternalError, 500)]
    [InlineData(ErrorCodes.AlgoError, 500)]
    [InlineData(ErrorCodes.Timeout, 500)]
    [InlineData(ErrorCodes.ModelUnavailable, 503)]
    public void Codes_map_to_the_contract_status(string code, int status)
    {
        Assert.Equal(status, ErrorStatus.For(code));
        Assert.Equal(status, new ApiError(code, "m").HttpStatus);
    }

    [Fact]
    public void Fixed_messages_are_word_for_word()
    {
        Assert.Equal("current user api does not support synchronous calls.", ErrorMessages.SynchronousNotSupported);
        Assert.Equal("No API-key provided.", ErrorMessages.NoApiKey);
        Assert.Equal("Invalid API-key provided.", ErrorMessages.InvalidApiKey);
        Assert.Equal("Failed to cancel the task, please confirm if the task is in PENDING status.", ErrorMessages.CancelNotPending);
        Assert.Equal("Request has expired.", ErrorMessages.RequestExpired);
        Assert.Equal("Model not exist.", ErrorMessages.ModelNotExist);
        Assert.Equal("Model not exist. Did you mean 'wan2.7-videoedit'?", ErrorMessages.ModelNotExistDidYouMean("wan2.7-videoedit"));
    }

    [Fact]
    public void Exception_carries_the_error()
    {
        var e = new ApiErrorException(ErrorCodes.UnsupportedEdit, "cannot");
        Assert.Equal("cannot", e.Message);
        Assert.Equal(ErrorCodes.UnsupportedEdit, e.Error.Code);
    }
}
