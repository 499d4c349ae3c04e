using Fathom.Core.Errors;
using Fathom.Server.Governance;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;

namespace Fathom.Server.Apis;

/// <summary>
/// MLflow's auth app user endpoints (<c>{prefix}/mlflow/users/*</c>) and Fathom's user listing. Who may call each is
/// decided by the permission table (<see cref="RoutePermissions"/>), not here; with authentication off they answer
/// FEATURE_DISABLED, so nobody can create users without credentials.
/// </summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/mlflow/users").WithTags("Users");
        users.MapPost("/create", CreateUser);
        users.MapGet("/get", GetUser);
        users.MapPatch("/update-password", UpdatePassword);
        users.MapPatch("/update-admin", UpdateAdmin);
        users.MapDelete("/delete", DeleteUser);
        api.MapGet("/fathom/users/list", ListUsers).WithTags("Users");
        return api;
    }

    public static async Task<UserResponse> CreateUser(CreateUserRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        // Checked before hashing, so that a repeated create does not cost a 600k-iteration hash.
        if (await auth.FindUserAsync(request.Username!, ct) is not null)
        {
            throw FathomException.AlreadyExists($"User (username={request.Username}) already exists.");
        }

        var user = await auth.CreateUserAsync(request.Username!, PasswordHasher.Hash(request.Password!), isAdmin: false, ct);
        return new UserResponse { User = await ToWireAsync(auth, user, ct) };
    }

    public static async Task<UserResponse> GetUser(UsernameRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        return new UserResponse { User = await ToWireAsync(auth, await RequireAsync(auth, request.Username!, ct), ct) };
    }

    public static async Task<EmptyResponse> UpdatePassword(CreateUserRequest request, HttpContext context, IAuthStore auth,
        Authenticator authenticator, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.UpdatePasswordHashAsync(request.Username!, PasswordHasher.Hash(request.Password!), ct);
        authenticator.ForgetUser(request.Username!);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> UpdateAdmin(UpdateUserAdminRequest request, HttpContext context, IAuthStore auth,
        Authenticator authenticator, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.UpdateAdminAsync(request.Username!, request.IsAdmin!.Value, ct);
        authenticator.ForgetUser(request.Username!);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteUser(UsernameRequest request, HttpContext context, IAuthStore auth,
        Authenticator authenticator, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        await auth.DeleteUserAsync(request.Username!, ct);
        authenticator.ForgetUser(request.Username!);
        return EmptyResponse.Instance;
    }

    public static async Task<ListUsersResponse> ListUsers(EmptyRequest request, HttpContext context, IAuthStore auth, CancellationToken ct)
    {
        context.Caller().RequireUsername();
        var users = new List<UserDto>();
        foreach (var user in await auth.ListUsersAsync(ct))
        {
            users.Add(await ToWireAsync(auth, user, ct));
        }

        return new ListUsersResponse { Users = users };
    }

    internal static async Task<UserAccount> RequireAsync(IAuthStore auth, string username, CancellationToken ct) =>
        await auth.FindUserAsync(username, ct) ?? throw FathomException.NotFound($"User with username={username} not found");

    private static async Task<UserDto> ToWireAsync(IAuthStore auth, UserAccount user, CancellationToken ct)
    {
        var permissions = await auth.ListPermissionsAsync(user.Username, ct);
        return new UserDto
        {
            Id = user.Id,
            Username = user.Username,
            IsAdmin = user.IsAdmin,
            ExperimentPermissions = permissions.Where(p => p.Kind == PermissionResource.Experiment)
                .Select(PermissionsApi.ToExperimentWire).ToList(),
            RegisteredModelPermissions = permissions.Where(p => p.Kind == PermissionResource.RegisteredModel)
                .Select(PermissionsApi.ToModelWire).ToList(),
        };
    }
}
