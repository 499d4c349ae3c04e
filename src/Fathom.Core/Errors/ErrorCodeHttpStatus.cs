namespace Fathom.Core.Errors;

/// <summary>The one code-to-HTTP table, copied from MLflow's <c>mlflow/exceptions.py</c>.</summary>
public static class ErrorCodeHttpStatus
{
    public static int Of(ErrorCode code) => code switch
    {
        ErrorCode.BAD_REQUEST or ErrorCode.INVALID_PARAMETER_VALUE or ErrorCode.RESOURCE_ALREADY_EXISTS
            or ErrorCode.MALFORMED_REQUEST => 400,
        ErrorCode.CUSTOMER_UNAUTHORIZED or ErrorCode.UNAUTHENTICATED => 401,
        ErrorCode.PERMISSION_DENIED => 403,
        ErrorCode.NOT_FOUND or ErrorCode.ENDPOINT_NOT_FOUND or ErrorCode.RESOURCE_DOES_NOT_EXIST => 404,
        ErrorCode.ABORTED or ErrorCode.RESOURCE_CONFLICT or ErrorCode.ALREADY_EXISTS => 409,
        ErrorCode.REQUEST_LIMIT_EXCEEDED or ErrorCode.RESOURCE_EXHAUSTED => 429,
        ErrorCode.CANCELLED => 499,
        ErrorCode.FEATURE_DISABLED or ErrorCode.NOT_IMPLEMENTED => 501,
        ErrorCode.TEMPORARILY_UNAVAILABLE => 503,
        ErrorCode.DEADLINE_EXCEEDED => 504,
        _ => 500,
    };
}
