using System.Text.Json;
using System.Text.Json.Serialization;
using Fathom.Server.Requests;

namespace Fathom.Server.Wire;

// Messages of MLflow's auth app (mlflow/server/auth: users and permissions) and of Fathom's own governance endpoints
// (API tokens, audit search). Requests bind like every MLflow message: query string for GET, JSON body otherwise.

public sealed class CreateUserRequest : IMlflowRequest
{
    public string? Username { get; set; }
    public string? Password { get; set; }

    public static ValueTask<CreateUserRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.CreateUserRequest);

    public void Validate()
    {
        RequestErrors.Required(Username, "username");
        RequestErrors.Required(Password, "password");
    }
}

public sealed class UsernameRequest : IMlflowRequest
{
    public string? Username { get; set; }

    public static ValueTask<UsernameRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.UsernameRequest);

    public void Validate() => RequestErrors.Required(Username, "username");
}

public sealed class UpdateUserAdminRequest : IMlflowRequest
{
    public string? Username { get; set; }
    public bool? IsAdmin { get; set; }

    public static ValueTask<UpdateUserAdminRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.UpdateUserAdminRequest);

    public void Validate()
    {
        RequestErrors.Required(Username, "username");
        RequestErrors.Required(IsAdmin, "is_admin");
    }
}

public sealed class ExperimentPermissionRequest : IMlflowRequest
{
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ExperimentId { get; set; }
    public string? Username { get; set; }
    public string? Permission { get; set; }

    public static ValueTask<ExperimentPermissionRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.ExperimentPermissionRequest);

    public void Validate()
    {
        RequestErrors.Required(ExperimentId, "experiment_id");
        RequestErrors.Required(Username, "username");
    }
}

public sealed class RegisteredModelPermissionRequest : IMlflowRequest
{
    public string? Name { get; set; }
    public string? Username { get; set; }
    public string? Permission { get; set; }

    public static ValueTask<RegisteredModelPermissionRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.RegisteredModelPermissionRequest);

    public void Validate()
    {
        RequestErrors.Required(Name, "name");
        RequestErrors.Required(Username, "username");
    }
}

public sealed class ExperimentPermissionDto
{
    public required string ExperimentId { get; init; }
    public required long UserId { get; init; }
    public required string Permission { get; init; }
}

public sealed class RegisteredModelPermissionDto
{
    public required string Name { get; init; }
    public required long UserId { get; init; }
    public required string Permission { get; init; }
}

public sealed class UserDto
{
    public required long Id { get; init; }
    public required string Username { get; init; }
    public required bool IsAdmin { get; init; }
    public List<ExperimentPermissionDto> ExperimentPermissions { get; init; } = [];
    public List<RegisteredModelPermissionDto> RegisteredModelPermissions { get; init; } = [];
}

public sealed class UserResponse
{
    public required UserDto User { get; init; }
}

public sealed class ListUsersResponse
{
    public required List<UserDto> Users { get; init; }
}

public sealed class ExperimentPermissionResponse
{
    public required ExperimentPermissionDto ExperimentPermission { get; init; }
}

public sealed class RegisteredModelPermissionResponse
{
    public required RegisteredModelPermissionDto RegisteredModelPermission { get; init; }
}

/// <summary>What the audit trail records about a user: never the password or its hash.</summary>
public sealed class UserSnapshot
{
    public required string Username { get; init; }
    public required bool IsAdmin { get; init; }
}

public sealed class PermissionSnapshot
{
    public required string ResourceId { get; init; }
    public required string Username { get; init; }
    public required string Permission { get; init; }
}

public sealed class EmptyRequest : IMlflowRequest
{
    public static ValueTask<EmptyRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, GovernanceJsonContext.Wire.EmptyRequest);

    public void Validate()
    {
    }
}
