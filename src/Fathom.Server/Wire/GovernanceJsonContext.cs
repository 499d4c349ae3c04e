using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fathom.Server.Wire;

/// <summary>Source-generated JSON for the governance messages, with <see cref="MlflowJsonContext"/>'s settings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UsernameRequest))]
[JsonSerializable(typeof(UpdateUserAdminRequest))]
[JsonSerializable(typeof(ExperimentPermissionRequest))]
[JsonSerializable(typeof(RegisteredModelPermissionRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(ExperimentPermissionResponse))]
[JsonSerializable(typeof(RegisteredModelPermissionResponse))]
[JsonSerializable(typeof(UserSnapshot))]
[JsonSerializable(typeof(PermissionSnapshot))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenIdRequest))]
[JsonSerializable(typeof(TokenDto))]
[JsonSerializable(typeof(CreateTokenResponse))]
[JsonSerializable(typeof(ListTokensResponse))]
[JsonSerializable(typeof(AuditSearchRequest))]
[JsonSerializable(typeof(AuditSearchResponse))]
public sealed partial class GovernanceJsonContext : JsonSerializerContext
{
    public static GovernanceJsonContext Wire => s_wire ??= new(new JsonSerializerOptions(Default.Options)
    {
        TypeInfoResolver = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static GovernanceJsonContext? s_wire;
}
