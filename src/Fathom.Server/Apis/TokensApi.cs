using Fathom.Server.Governance;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;

namespace Fathom.Server.Apis;

/// <summary>
/// Fathom's API tokens (<c>{prefix}/fathom/users/tokens/*</c>): a user creates, lists and revokes their own bearer
/// tokens. The token text is returned once by create; the server keeps only its hash.
/// </summary>
internal static class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/fathom/users/tokens").WithTags("Users");
        tokens.MapPost("/create", CreateToken);
        tokens.MapGet("/list", ListTokens);
        tokens.MapPost("/revoke", RevokeToken);
        return api;
    }

    public static async Task<CreateTokenResponse> CreateToken(CreateTokenRequest request, HttpContext context, IAuthStore auth, TimeProvider time, CancellationToken ct)
    {
        var username = context.Caller().RequireUsername();
        var (token, id, hash) = ApiTokens.Create();
        var record = new ApiTokenRecord(id, request.Name, hash, time.GetUtcNow().ToUnixTimeMilliseconds(), null, username);
        await auth.CreateTokenAsync(username, record, ct);
        return new CreateTokenResponse { Token = token, TokenInfo = ToWire(record) };
    }

    public static async Task<ListTokensResponse> ListTokens(EmptyRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        var username = context.Caller().RequireUsername();
        return new ListTokensResponse { Tokens = (await auth.ListTokensAsync(username, ct)).Select(ToWire).ToList() };
    }

    /// <summary>Revokes one of the caller's own tokens; someone else's token id is simply not found.</summary>
    public static async Task<EmptyResponse> RevokeToken(TokenIdRequest request, HttpContext context, IAuthStore auth, TimeProvider time,
        Authenticator authenticator, CancellationToken ct)
    {
        var username = context.Caller().RequireUsername();
        await auth.RevokeTokenAsync(username, request.TokenId!, time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        authenticator.ForgetToken(request.TokenId!);
        return EmptyResponse.Instance;
    }

    private static TokenDto ToWire(ApiTokenRecord t) =>
        new() { TokenId = t.TokenId, Name = t.Name, Username = t.Username, CreationTime = t.CreationTime, RevokedTime = t.RevokedTime };
}
