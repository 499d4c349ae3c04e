namespace Fathom.Tracking.Governance;

/// <summary>
/// Users, API tokens and per-resource permissions (MLflow's auth <c>SqlAlchemyStore</c>). Stores hold password and
/// token hashes only; hashing happens above (see <see cref="PasswordHasher"/>, <see cref="ApiTokens"/>).
/// Errors: RESOURCE_DOES_NOT_EXIST and RESOURCE_ALREADY_EXISTS with MLflow's messages.
/// </summary>
public interface IAuthStore
{
    Task<UserAccount> CreateUserAsync(string username, string passwordHash, bool isAdmin, CancellationToken ct = default);
    Task<UserAccount?> FindUserAsync(string username, CancellationToken ct = default);
    Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken ct = default);
    Task UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken ct = default);
    Task UpdateAdminAsync(string username, bool isAdmin, CancellationToken ct = default);

    /// <summary>Deletes the user with their tokens and permissions.</summary>
    Task DeleteUserAsync(string username, CancellationToken ct = default);

    Task CreateTokenAsync(string username, ApiTokenRecord token, CancellationToken ct = default);
    Task<ApiTokenRecord?> FindTokenAsync(string tokenId, CancellationToken ct = default);
    Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(string username, CancellationToken ct = default);
    Task RevokeTokenAsync(string username, string tokenId, long revokedAt, CancellationToken ct = default);

    Task<ResourcePermission> CreatePermissionAsync(PermissionResource kind, string resourceId, string username, Permission permission, CancellationToken ct = default);

    /// <summary>The user's explicit permission on the resource, or null when none was granted.</summary>
    Task<ResourcePermission?> FindPermissionAsync(PermissionResource kind, string resourceId, string username, CancellationToken ct = default);
    Task<IReadOnlyList<ResourcePermission>> ListPermissionsAsync(string username, CancellationToken ct = default);
    Task UpdatePermissionAsync(PermissionResource kind, string resourceId, string username, Permission permission, CancellationToken ct = default);
    Task DeletePermissionAsync(PermissionResource kind, string resourceId, string username, CancellationToken ct = default);

    /// <summary>Moves every permission on a registered model to its new name (MLflow does this on rename).</summary>
    Task RenameModelPermissionsAsync(string oldName, string newName, CancellationToken ct = default);

    /// <summary>Drops every permission on a registered model (MLflow does this on delete).</summary>
    Task DeleteModelPermissionsAsync(string name, CancellationToken ct = default);

    /// <summary>The experiment of a run, without loading the run: the permission check on every logging call needs it.</summary>
    Task<string> GetRunExperimentIdAsync(string runId, CancellationToken ct = default);
}

/// <summary>A user as stored. <see cref="PasswordHash"/> never leaves the server.</summary>
public sealed record UserAccount(long Id, string Username, string PasswordHash, bool IsAdmin);

/// <summary>A stored API token: its public id, a label, the hash of its secret, and when it was created or revoked.</summary>
public sealed record ApiTokenRecord(string TokenId, string? Name, string SecretHash, long CreationTime, long? RevokedTime, string Username = "");

/// <summary>An explicit grant: a user's permission on one experiment (id) or registered model (name).</summary>
public sealed record ResourcePermission(PermissionResource Kind, string ResourceId, long UserId, string Username, Permission Permission);
