using Fathom.Core.Errors;

namespace Fathom.Core.Tests;

public class ErrorCodeHttpStatusTests
{
    [Theory]
    [InlineData(ErrorCode.INVALID_PARAMETER_VALUE, 400)]
    [InlineData(ErrorCode.RESOURCE_ALREADY_EXISTS, 400)]
    [InlineData(ErrorCode.BAD_REQUEST, 400)]
    [InlineData(ErrorCode.RESOURCE_DOES_NOT_EXIST, 404)]
    [InlineData(ErrorCode.ENDPOINT_NOT_FOUND, 404)]
    [InlineData(ErrorCode.PERMISSION_DENIED, 403)]
    [InlineData(ErrorCode.UNAUTHENTICATED, 401)]
    [InlineData(ErrorCode.REQUEST_LIMIT_EXCEEDED, 429)]
    [InlineData(ErrorCode.TEMPORARILY_UNAVAILABLE, 503)]
    [InlineData(ErrorCode.INTERNAL_ERROR, 500)]
    public void Codes_map_to_MLflow_http_statuses(ErrorCode code, int status) =>
        Assert.Equal(status, ErrorCodeHttpStatus.Of(code));

    [Fact]
    public void Exception_carries_its_code_and_status()
    {
        var e = FathomException.NotFound("Run 'x' not found");
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, e.Code);
        Assert.Equal(404, e.HttpStatus);
    }
}
