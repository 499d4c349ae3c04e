namespace Fathom.Core.Errors;

/// <summary>
/// The one exception type every layer throws for an expected failure. The server turns it into
/// MLflow's error body <c>{"error_code": ..., "message": ...}</c> with the status from <see cref="ErrorCodeHttpStatus"/>.
/// </summary>
public class FathomException(ErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorCode Code { get; } = code;

    public int HttpStatus => ErrorCodeHttpStatus.Of(Code);

    public static FathomException InvalidParameter(string message) => new(ErrorCode.INVALID_PARAMETER_VALUE, message);

    public static FathomException NotFound(string message) => new(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);

    public static FathomException AlreadyExists(string message) => new(ErrorCode.RESOURCE_ALREADY_EXISTS, message);

    public static FathomException BadRequest(string message) => new(ErrorCode.BAD_REQUEST, message);
}
