using System.Data.Common;
using Fathom.Core.Errors;
using Fathom.Tracking.Governance;

namespace Fathom.Tracking.Sql;

/// <summary>Users and their API tokens (MLflow's auth store, plus tokens).</summary>
internal sealed partial class SqlTrackingStore : IAuthStore
{
    private const string UserColumns = "id, username, password_hash, is_admin";

    public async Task<UserAccount> CreateUserAsync(string username, string passwordHash, bool isAdmin, CancellationToken ct = default)
    {
        ValidateUsername(username);
        try
        {
            return await Write(async session =>
            {
                var id = Convert.ToInt64(await session.ScalarAsync(
                    "INSERT INTO users (username, password_hash, is_admin) VALUES (@p0, @p1, @p2) RETURNING id",
                    username, passwordHash, isAdmin).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                return new UserAccount(id, username, passwordHash, isAdmin);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (backend.IsUniqueViolation(e))
        {
            throw FathomException.AlreadyExists($"User (username={username}) already exists.");
        }
    }

    public Task<UserAccount?> FindUserAsync(string username, CancellationToken ct = default) =>
        Read(async session => (await session.ListAsync($"SELECT {UserColumns} FROM users WHERE username = @p0", User, username)
            .ConfigureAwait(false)).FirstOrDefault(), ct);

    public Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken ct = default) =>
        Read<IReadOnlyList<UserAccount>>(async session =>
            await session.ListAsync($"SELECT {UserColumns} FROM users ORDER BY username", User).ConfigureAwait(false), ct);

    public Task UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken ct = default) =>
        Write(async session => RequireOne(await session.ExecuteAsync(
            "UPDATE users SET password_hash = @p0 WHERE username = @p1", passwordHash, username).ConfigureAwait(false), username), ct);

    public Task UpdateAdminAsync(string username, bool isAdmin, CancellationToken ct = default) =>
        Write(async session => RequireOne(await session.ExecuteAsync(
            "UPDATE users SET is_admin = @p0 WHERE username = @p1", isAdmin, username).ConfigureAwait(false), username), ct);

    public Task DeleteUserAsync(string username, CancellationToken ct = default) =>
        Write(async session =>
        {
            var id = await RequireUserIdAsync(session, username).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM user_tokens WHERE user_id = @p0", id).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM experiment_permissions WHERE user_id = @p0", id).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM registered_model_permissions WHERE user_id = @p0", id).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM users WHERE id = @p0", id).ConfigureAwait(false);
        }, ct);

    public Task CreateTokenAsync(string username, ApiTokenRecord token, CancellationToken ct = default) =>
        Write(async session =>
        {
            var id = await RequireUserIdAsync(session, username).ConfigureAwait(false);
            await session.ExecuteAsync(
                "INSERT INTO user_tokens (token_id, user_id, name, secret_hash, creation_time) VALUES (@p0, @p1, @p2, @p3, @p4)",
                token.TokenId, id, token.Name, token.SecretHash, token.CreationTime).ConfigureAwait(false);
        }, ct);

    public Task<ApiTokenRecord?> FindTokenAsync(string tokenId, CancellationToken ct = default) =>
        Read(async session => (await session.ListAsync(TokenSelect + " WHERE t.token_id = @p0", Token, tokenId)
            .ConfigureAwait(false)).FirstOrDefault(), ct);

    public Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(string username, CancellationToken ct = default) =>
        Read<IReadOnlyList<ApiTokenRecord>>(async session =>
            await session.ListAsync(TokenSelect + " WHERE u.username = @p0 ORDER BY t.creation_time", Token, username).ConfigureAwait(false), ct);

    public Task RevokeTokenAsync(string username, string tokenId, long revokedAt, CancellationToken ct = default) =>
        Write(async session =>
        {
            var id = await RequireUserIdAsync(session, username).ConfigureAwait(false);
            var changed = await session.ExecuteAsync(
                "UPDATE user_tokens SET revoked_time = COALESCE(revoked_time, @p0) WHERE token_id = @p1 AND user_id = @p2",
                revokedAt, tokenId, id).ConfigureAwait(false);
            if (changed == 0)
            {
                throw FathomException.NotFound($"Token with id={tokenId} of user {username} not found");
            }
        }, ct);

    private const string TokenSelect =
        "SELECT t.token_id, t.name, t.secret_hash, t.creation_time, t.revoked_time, u.username FROM user_tokens t JOIN users u ON u.id = t.user_id";

    private static ApiTokenRecord Token(DbDataReader r) =>
        new(r.GetString(0), Rows.String(r, 1), r.GetString(2), Rows.Long(r, 3), Rows.NullableLong(r, 4), r.GetString(5));

    private static UserAccount User(DbDataReader r) => new(Rows.Long(r, 0), r.GetString(1), r.GetString(2), Convert.ToBoolean(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<long> RequireUserIdAsync(SqlSession session, string username) =>
        await session.ScalarAsync("SELECT id FROM users WHERE username = @p0", username).ConfigureAwait(false) is { } id
            ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture)
            : throw UserNotFound(username);

    private static void RequireOne(int changed, string username)
    {
        if (changed == 0)
        {
            throw UserNotFound(username);
        }
    }

    private static FathomException UserNotFound(string username) => FathomException.NotFound($"User with username={username} not found");

    private static void ValidateUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 255 || username.Contains(':'))
        {
            // A colon would make HTTP Basic credentials ambiguous.
            throw FathomException.InvalidParameter("Username must be 1 to 255 characters without ':'.");
        }
    }
}
