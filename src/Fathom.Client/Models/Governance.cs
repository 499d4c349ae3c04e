using System.Text.Json;

namespace Fathom.Client;

/// <summary>A user of a server with authentication on (MLflow's auth app <c>User</c>).</summary>
public sealed record FathomUser
{
    /// <summary>The server's numeric id of the user.</summary>
    public long Id { get; init; }

    /// <summary>The login name.</summary>
    public string Username { get; init; } = "";

    /// <summary>Admins may do anything, including managing users.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>The user's explicit grants on experiments.</summary>
    public IReadOnlyList<ExperimentPermissionGrant> ExperimentPermissions { get; init; } = [];

    /// <summary>The user's explicit grants on registered models.</summary>
    public IReadOnlyList<RegisteredModelPermissionGrant> RegisteredModelPermissions { get; init; } = [];
}

/// <summary>A user's permission (READ, EDIT, MANAGE or NO_PERMISSIONS) on one experiment.</summary>
public sealed record ExperimentPermissionGrant(string ExperimentId, long UserId, string Permission);

/// <summary>A user's permission (READ, EDIT, MANAGE or NO_PERMISSIONS) on one registered model.</summary>
public sealed record RegisteredModelPermissionGrant(string Name, long UserId, string Permission);

/// <summary>An API token's public description; the token text itself is only in <see cref="CreatedApiToken"/>.</summary>
public sealed record ApiToken(string TokenId, string? Name, string Username, long CreationTime, long? RevokedTime);

/// <summary>A new API token: <see cref="Token"/> is shown this once and cannot be read again.</summary>
public sealed record CreatedApiToken(string Token, ApiToken TokenInfo);

/// <summary>One change recorded in the server's audit trail; <see cref="Before"/>/<see cref="After"/> are the resource's JSON.</summary>
public sealed record AuditEvent(long Id, long Timestamp, string? Username, string Action, string ResourceType, string ResourceId,
    JsonElement? Before, JsonElement? After);

/// <summary>What to read from the audit trail; every field is optional. Times are inclusive.</summary>
public sealed record AuditFilter(
    string? ResourceType = null,
    string? ResourceId = null,
    string? Username = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null);
