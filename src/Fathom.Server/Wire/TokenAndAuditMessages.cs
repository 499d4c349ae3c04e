using System.Text.Json;
using Fathom.Server.Requests;

namespace Fathom.Server.Wire;

public sealed class CreateTokenRequest : IMlflowRequest
{
    public string? Name { get; set; }

    public static ValueTask<CreateTokenRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.CreateTokenRequest);

    public void Validate()
    {
    }
}

public sealed class TokenIdRequest : IMlflowRequest
{
    public string? TokenId { get; set; }

    public static ValueTask<TokenIdRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.TokenIdRequest);

    public void Validate() => RequestErrors.Required(TokenId, "token_id");
}

/// <summary>A token's public description; the secret exists only in <see cref="CreateTokenResponse.Token"/>, once.</summary>
public sealed class TokenDto
{
    public required string TokenId { get; init; }
    public string? Name { get; init; }
    public required string Username { get; init; }
    public required long CreationTime { get; init; }
    public long? RevokedTime { get; init; }
}

public sealed class CreateTokenResponse
{
    public required string Token { get; init; }
    public required TokenDto TokenInfo { get; init; }
}

public sealed class ListTokensResponse
{
    public required List<TokenDto> Tokens { get; init; }
}

public sealed class AuditSearchRequest : IMlflowRequest
{
    public string? ResourceType { get; set; }
    public string? ResourceId { get; set; }
    public string? Username { get; set; }
    public long? Since { get; set; }
    public long? Until { get; set; }
    public int? MaxResults { get; set; }
    public string? PageToken { get; set; }

    public static ValueTask<AuditSearchRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.AuditSearchRequest);

    public void Validate()
    {
        if (ResourceId is not null && ResourceType is null)
        {
            throw RequestErrors.Invalid("resource_id", "a resource id needs a resource_type");
        }
    }
}

public sealed class AuditEventDto
{
    public required long Id { get; init; }
    public required long Timestamp { get; init; }
    public string? Username { get; init; }
    public required string Action { get; init; }
    public required string ResourceType { get; init; }
    public required string ResourceId { get; init; }
    public JsonElement? Before { get; init; }
    public JsonElement? After { get; init; }
}

public sealed class AuditSearchResponse
{
    public required List<AuditEventDto> Events { get; init; }
    public string? NextPageToken { get; init; }
}
