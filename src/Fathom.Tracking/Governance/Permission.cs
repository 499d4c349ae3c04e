using Fathom.Core.Errors;

namespace Fathom.Tracking.Governance;

/// <summary>MLflow's auth permissions (mlflow/server/auth/permissions.py), from weakest to strongest.</summary>
public sealed record Permission(string Name, bool CanRead, bool CanUpdate, bool CanDelete, bool CanManage)
{
    public static readonly Permission NoPermissions = new("NO_PERMISSIONS", false, false, false, false);
    public static readonly Permission Read = new("READ", true, false, false, false);
    public static readonly Permission Edit = new("EDIT", true, true, false, false);
    public static readonly Permission Manage = new("MANAGE", true, true, true, true);

    public static IReadOnlyList<Permission> All { get; } = [Read, Edit, Manage, NoPermissions];

    /// <summary>The permission named <paramref name="name"/>; MLflow's message for anything else.</summary>
    public static Permission Parse(string? name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw FathomException.InvalidParameter(
            $"Invalid permission '{name}'. Valid permissions are: {string.Join(", ", All.Select(p => $"'{p.Name}'"))}");

    public bool Allows(Capability capability) => capability switch
    {
        Capability.Read => CanRead,
        Capability.Update => CanUpdate,
        Capability.Delete => CanDelete,
        Capability.Manage => CanManage,
        _ => false,
    };

    public override string ToString() => Name;
}

/// <summary>What a request needs to do to a resource; a permission either allows it or not.</summary>
public enum Capability
{
    Read,
    Update,
    Delete,
    Manage,
}

/// <summary>The two kinds of resource MLflow grants permissions on.</summary>
public enum PermissionResource
{
    Experiment,
    RegisteredModel,
}
