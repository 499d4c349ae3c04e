namespace Fathom.Core.Errors;

/// <summary>
/// MLflow's error codes (databricks.proto <c>ErrorCode</c>), written on the wire by name.
/// The one source of truth for what can go wrong; <see cref="ErrorCodeHttpStatus"/> maps each to HTTP.
/// </summary>
public enum ErrorCode
{
    INTERNAL_ERROR,
    TEMPORARILY_UNAVAILABLE,
    IO_ERROR,
    BAD_REQUEST,
    INVALID_STATE,
    DATA_LOSS,
    DRY_RUN_FAILED,
    DEADLINE_EXCEEDED,
    REQUEST_LIMIT_EXCEEDED,
    CANCELLED,
    RESOURCE_EXHAUSTED,
    ABORTED,
    RESOURCE_CONFLICT,
    ALREADY_EXISTS,
    NOT_FOUND,
    ENDPOINT_NOT_FOUND,
    MALFORMED_REQUEST,
    INVALID_PARAMETER_VALUE,
    FEATURE_DISABLED,
    NOT_IMPLEMENTED,
    CUSTOMER_UNAUTHORIZED,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    RESOURCE_ALREADY_EXISTS,
    RESOURCE_DOES_NOT_EXIST,
}
