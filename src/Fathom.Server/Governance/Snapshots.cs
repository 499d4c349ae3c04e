using Fathom.Core.Errors;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Governance;

/// <summary>Loads a resource's state for the audit trail, in its wire shape; null when it does not exist.</summary>
internal static class Snapshots
{
    public static readonly SnapshotLoader Experiment = (context, id, ct) => OrNull(async () =>
        (object)(await Tracking(context).GetExperimentAsync(id, ct)).ToWire());

    /// <summary>A run's info only: lifecycle is what is audited, and metrics would make every event huge.</summary>
    public static readonly SnapshotLoader Run = (context, id, ct) => OrNull(async () =>
        (object)(await Tracking(context).GetRunAsync(id, ct)).Info.ToWire());

    public static readonly SnapshotLoader RegisteredModel = (context, name, ct) => OrNull(async () =>
        (object)(await Registry(context).GetRegisteredModelAsync(name, ct)).ToWire());

    /// <summary>A version identified as <c>name/version</c> (the version is a number, so the last '/' splits).</summary>
    public static readonly SnapshotLoader ModelVersion = (context, id, ct) => OrNull(async () =>
    {
        var slash = id.LastIndexOf('/');
        return (object)(await Registry(context).GetModelVersionAsync(id[..slash], id[(slash + 1)..], ct)).ToWire();
    });

    /// <summary>An alias identified as <c>name@alias</c>: which version it points to.</summary>
    public static readonly SnapshotLoader Alias = (context, id, ct) => OrNull(ErrorCode.INVALID_PARAMETER_VALUE, async () =>
    {
        var at = id.LastIndexOf('@');
        var version = await Registry(context).GetModelVersionByAliasAsync(id[..at], id[(at + 1)..], ct);
        return (object)new RegisteredModelAliasDto { Alias = id[(at + 1)..], Version = version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    });

    /// <summary>Name and admin flag; never the password hash.</summary>
    public static readonly SnapshotLoader User = async (context, username, ct) =>
        await Auth(context).FindUserAsync(username, ct) is { } user
            ? new UserSnapshot { Username = user.Username, IsAdmin = user.IsAdmin }
            : null;

    public static SnapshotLoader Permission(PermissionResource kind, string resourceField) => async (context, _, ct) =>
    {
        var resourceId = RequestFields.GetString(context, resourceField) ?? "";
        var username = RequestFields.GetString(context, "username") ?? "";
        return await Auth(context).FindPermissionAsync(kind, resourceId, username, ct) is { } grant
            ? new PermissionSnapshot { ResourceId = resourceId, Username = username, Permission = grant.Permission.Name }
            : null;
    };

    /// <summary>A token's public description: id, label, owner, times. The secret is never stored, so never shown.</summary>
    public static readonly SnapshotLoader Token = async (context, tokenId, ct) =>
        await Auth(context).FindTokenAsync(tokenId, ct) is { } token
            ? new TokenDto { TokenId = token.TokenId, Name = token.Name, Username = token.Username, CreationTime = token.CreationTime, RevokedTime = token.RevokedTime }
            : null;

    private static ITrackingStore Tracking(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ITrackingStore>();

    private static IModelRegistryStore Registry(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<IModelRegistryStore>();

    private static IAuthStore Auth(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<IAuthStore>();

    private static Task<object?> OrNull(Func<Task<object>> load) => OrNull(ErrorCode.RESOURCE_DOES_NOT_EXIST, load);

    /// <summary>Null when the store says the resource is missing (MLflow reports a missing alias as an invalid parameter).</summary>
    private static async Task<object?> OrNull(ErrorCode missing, Func<Task<object>> load)
    {
        try
        {
            return await load();
        }
        catch (FathomException e) when (e.Code == ErrorCode.RESOURCE_DOES_NOT_EXIST || e.Code == missing)
        {
            return null;
        }
    }
}
