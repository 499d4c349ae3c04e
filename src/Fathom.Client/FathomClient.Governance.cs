using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Fathom.Client.Http;

namespace Fathom.Client;

public sealed partial class FathomClient
{
    private const string FathomApi = "api/2.0/fathom/";

    /// <summary>Creates a user (admins only; MLflow's <c>users/create</c>).</summary>
    /// <param name="username">The login name.</param>
    /// <param name="password">At least 8 characters; the server stores only a PBKDF2 hash.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The new user.</returns>
    public async Task<FathomUser> CreateUserAsync(string username, string password, CancellationToken ct = default) =>
        (await _transport.PostJsonAsync<UserResponse>(Api + "users/create", new { username, password }, ct)).User;

    /// <summary>Gets a user with their permissions (the user themself or an admin).</summary>
    /// <param name="username">The login name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The user.</returns>
    public async Task<FathomUser> GetUserAsync(string username, CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<UserResponse>(Api + "users/get", [("username", username)], ct)).User;

    /// <summary>Lists every user (admins only; a Fathom extension).</summary>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The users, by name.</returns>
    public async Task<IReadOnlyList<FathomUser>> ListUsersAsync(CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<ListUsersResponse>(FathomApi + "users/list", [], ct)).Users;

    /// <summary>Deletes a user with their tokens and permissions (admins only).</summary>
    /// <param name="username">The login name.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteUserAsync(string username, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, Api + "users/delete", new { username }, ct);

    /// <summary>Creates an API token for the calling user; use it as <c>MLFLOW_TRACKING_TOKEN</c>.</summary>
    /// <param name="name">A label to recognise the token by.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The token text (shown once) and its description.</returns>
    public Task<CreatedApiToken> CreateApiTokenAsync(string? name = null, CancellationToken ct = default) =>
        _transport.PostJsonAsync<CreatedApiToken>(FathomApi + "users/tokens/create", new { name }, ct);

    /// <summary>Lists the calling user's API tokens (without their secrets).</summary>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The tokens, oldest first.</returns>
    public async Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(CancellationToken ct = default) =>
        (await _transport.GetJsonAsync<ListTokensResponse>(FathomApi + "users/tokens/list", [], ct)).Tokens;

    /// <summary>Revokes one of the calling user's API tokens.</summary>
    /// <param name="tokenId">The token's id (not its secret).</param>
    /// <param name="ct">Cancels the call.</param>
    public Task RevokeApiTokenAsync(string tokenId, CancellationToken ct = default) =>
        _transport.PostJsonAsync(FathomApi + "users/tokens/revoke", new { token_id = tokenId }, ct);

    /// <summary>Gives a user a permission on an experiment, replacing an earlier grant (needs MANAGE on it).</summary>
    /// <param name="experimentId">The experiment.</param>
    /// <param name="username">Who gets the permission.</param>
    /// <param name="permission">READ, EDIT, MANAGE or NO_PERMISSIONS.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task GrantExperimentPermissionAsync(string experimentId, string username, string permission, CancellationToken ct = default) =>
        GrantAsync("experiments", new { experiment_id = experimentId, username, permission }, ct);

    /// <summary>Gives a user a permission on a registered model, replacing an earlier grant (needs MANAGE on it).</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="username">Who gets the permission.</param>
    /// <param name="permission">READ, EDIT, MANAGE or NO_PERMISSIONS.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task GrantRegisteredModelPermissionAsync(string name, string username, string permission, CancellationToken ct = default) =>
        GrantAsync("registered-models", new { name, username, permission }, ct);

    /// <summary>Removes a user's grant on an experiment; the server's default permission applies again.</summary>
    /// <param name="experimentId">The experiment.</param>
    /// <param name="username">Whose grant to remove.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task RevokeExperimentPermissionAsync(string experimentId, string username, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, Api + "experiments/permissions/delete", new { experiment_id = experimentId, username }, ct);

    /// <summary>Removes a user's grant on a registered model; the server's default permission applies again.</summary>
    /// <param name="name">The registered model.</param>
    /// <param name="username">Whose grant to remove.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task RevokeRegisteredModelPermissionAsync(string name, string username, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, Api + "registered-models/permissions/delete", new { name, username }, ct);

    /// <summary>Reads the audit trail, newest first, page by page.</summary>
    /// <param name="filter">Which events; null for all (admins only).</param>
    /// <param name="ct">Cancels the enumeration.</param>
    /// <returns>The matching events.</returns>
    public async IAsyncEnumerable<AuditEvent> SearchAuditEventsAsync(AuditFilter? filter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        filter ??= new AuditFilter();
        string? pageToken = null;
        do
        {
            var page = await _transport.GetJsonAsync<AuditSearchResponse>(FathomApi + "audit/search",
            [
                ("resource_type", filter.ResourceType), ("resource_id", filter.ResourceId), ("username", filter.Username),
                ("since", filter.Since?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
                ("until", filter.Until?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
                ("max_results", "1000"), ("page_token", pageToken),
            ], ct);
            foreach (var auditEvent in page.Events ?? [])
                yield return auditEvent;
            pageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    /// <summary>Creates the grant, or updates it when the user already has one (MLflow has separate calls for each).</summary>
    private async Task GrantAsync(string resource, object body, CancellationToken ct)
    {
        try
        {
            await _transport.PostJsonAsync(Api + resource + "/permissions/create", body, ct);
        }
        catch (FathomResourceAlreadyExistsException)
        {
            await SendAsync(HttpMethod.Patch, Api + resource + "/permissions/update", body, ct);
        }
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken ct)
    {
        using var response = await _transport.SendAsync(
            () => new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options) },
            applyTimeout: true, ct);
    }

    private sealed record UserResponse(FathomUser User);

    private sealed record ListUsersResponse(IReadOnlyList<FathomUser> Users);

    private sealed record ListTokensResponse(IReadOnlyList<ApiToken> Tokens);

    private sealed record AuditSearchResponse(IReadOnlyList<AuditEvent>? Events, string? NextPageToken);
}
