using Fathom.Core.Errors;
using Fathom.Tracking.Governance;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Governance;

/// <summary>Administration straight against a backend store, for the first admin (<c>fathom users create-admin</c>).</summary>
public static class FathomAdmin
{
    /// <summary>
    /// Creates an admin user in the store at <paramref name="backendStoreUri"/> (migrating it first), or makes an
    /// existing user of that name an admin with the given password.
    /// </summary>
    public static async Task CreateAdminAsync(string backendStoreUri, string username, string password, CancellationToken ct = default)
    {
        var hash = PasswordHasher.Hash(password);
        await using var store = await TrackingStoreFactory.OpenAsync(backendStoreUri, new TrackingStoreOptions(), ct);
        var auth = store as IAuthStore ?? throw new FathomException(ErrorCode.INTERNAL_ERROR, "The store keeps no users.");
        var before = await auth.FindUserAsync(username, ct);
        if (before is null)
        {
            await auth.CreateUserAsync(username, hash, isAdmin: true, ct);
        }
        else
        {
            await auth.UpdatePasswordHashAsync(username, hash, ct);
            await auth.UpdateAdminAsync(username, true, ct);
        }

        // Recorded like the REST API's user changes; "who" is unknown outside a server, so it stays empty.
        if (store is IAuditStore audit)
        {
            await audit.AppendAsync(new NewAuditEvent(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, "create_admin", "user", username,
                before is null ? null : Snapshot(before.Username, before.IsAdmin), Snapshot(username, true)), ct);
        }
    }

    private static string Snapshot(string username, bool isAdmin) =>
        System.Text.Json.JsonSerializer.Serialize(new Wire.UserSnapshot { Username = username, IsAdmin = isAdmin }, Wire.GovernanceJsonContext.Wire.UserSnapshot);
}
