using Fathom.Core.Errors;

namespace Fathom.Client;

/// <summary>The server says the experiment, run or artifact does not exist (<c>RESOURCE_DOES_NOT_EXIST</c>).</summary>
/// <param name="code">The MLflow error code the server sent.</param>
/// <param name="message">The server's message.</param>
public sealed class FathomResourceNotFoundException(ErrorCode code, string message) : FathomException(code, message);

/// <summary>The server refuses to create something that already exists (<c>RESOURCE_ALREADY_EXISTS</c>).</summary>
/// <param name="code">The MLflow error code the server sent.</param>
/// <param name="message">The server's message.</param>
public sealed class FathomResourceAlreadyExistsException(ErrorCode code, string message) : FathomException(code, message);

/// <summary>The request was invalid (<c>INVALID_PARAMETER_VALUE</c>, <c>BAD_REQUEST</c>, ...). Retrying will not help.</summary>
/// <param name="code">The MLflow error code the server sent.</param>
/// <param name="message">The server's message.</param>
public sealed class FathomInvalidParameterException(ErrorCode code, string message) : FathomException(code, message);

/// <summary>The server rejected the credentials (HTTP 401 or 403).</summary>
/// <param name="code">The MLflow error code the server sent.</param>
/// <param name="message">The server's message.</param>
public sealed class FathomAuthenticationException(ErrorCode code, string message) : FathomException(code, message);

/// <summary>
/// The tracking server could not be reached or kept failing with transient errors after every retry
/// (connection refused or reset, timeouts, 429, 5xx).
/// </summary>
/// <param name="message">What failed and what to check.</param>
/// <param name="inner">The last underlying failure, if any.</param>
public sealed class FathomConnectionException(string message, Exception? inner = null)
    : FathomException(ErrorCode.TEMPORARILY_UNAVAILABLE, message, inner);
