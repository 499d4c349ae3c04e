using System.Data.Common;
using Fathom.Core.Errors;
using Fathom.Tracking.Governance;

namespace Fathom.Tracking.Sql;

/// <summary>Per-experiment and per-registered-model permissions, MLflow's two tables behind one set of methods.</summary>
internal sealed partial class SqlTrackingStore
{
    public async Task<ResourcePermission> CreatePermissionAsync(
        PermissionResource kind, string resourceId, string username, Permission permission, CancellationToken ct = default)
    {
        var (table, column) = PermissionTable(kind);
        try
        {
            return await Write(async session =>
            {
                var userId = await RequireUserIdAsync(session, username).ConfigureAwait(false);
                await session.ExecuteAsync($"INSERT INTO {table} ({column}, user_id, permission) VALUES (@p0, @p1, @p2)",
                    resourceId, userId, permission.Name).ConfigureAwait(false);
                return new ResourcePermission(kind, resourceId, userId, username, permission);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (backend.IsUniqueViolation(e))
        {
            throw FathomException.AlreadyExists(kind == PermissionResource.Experiment
                ? $"Experiment permission (experiment_id={resourceId}, username={username}) already exists."
                : $"Registered model permission (name={resourceId}, username={username}) already exists.");
        }
    }

    public Task<ResourcePermission?> FindPermissionAsync(PermissionResource kind, string resourceId, string username, CancellationToken ct = default)
    {
        var (table, column) = PermissionTable(kind);
        return Read(async session => (await session.ListAsync(
            $"SELECT p.{column}, u.id, u.username, p.permission FROM {table} p JOIN users u ON u.id = p.user_id " +
            $"WHERE p.{column} = @p0 AND u.username = @p1", r => ReadPermission(kind, r), resourceId, username).ConfigureAwait(false)).FirstOrDefault(), ct);
    }

    public Task<IReadOnlyList<ResourcePermission>> ListPermissionsAsync(string username, CancellationToken ct = default) =>
        Read<IReadOnlyList<ResourcePermission>>(async session =>
        {
            var all = new List<ResourcePermission>();
            foreach (var kind in Enum.GetValues<PermissionResource>())
            {
                var (table, column) = PermissionTable(kind);
                all.AddRange(await session.ListAsync(
                    $"SELECT p.{column}, u.id, u.username, p.permission FROM {table} p JOIN users u ON u.id = p.user_id " +
                    $"WHERE u.username = @p0 ORDER BY p.{column}", r => ReadPermission(kind, r), username).ConfigureAwait(false));
            }

            return all;
        }, ct);

    public Task UpdatePermissionAsync(PermissionResource kind, string resourceId, string username, Permission permission, CancellationToken ct = default)
    {
        var (table, column) = PermissionTable(kind);
        return Write(async session =>
        {
            var userId = await RequireUserIdAsync(session, username).ConfigureAwait(false);
            var changed = await session.ExecuteAsync($"UPDATE {table} SET permission = @p0 WHERE {column} = @p1 AND user_id = @p2",
                permission.Name, resourceId, userId).ConfigureAwait(false);
            RequirePermission(changed, kind, resourceId, username);
        }, ct);
    }

    public Task DeletePermissionAsync(PermissionResource kind, string resourceId, string username, CancellationToken ct = default)
    {
        var (table, column) = PermissionTable(kind);
        return Write(async session =>
        {
            var userId = await RequireUserIdAsync(session, username).ConfigureAwait(false);
            var changed = await session.ExecuteAsync($"DELETE FROM {table} WHERE {column} = @p0 AND user_id = @p1", resourceId, userId).ConfigureAwait(false);
            RequirePermission(changed, kind, resourceId, username);
        }, ct);
    }

    public Task RenameModelPermissionsAsync(string oldName, string newName, CancellationToken ct = default) =>
        Write(session => session.ExecuteAsync("UPDATE registered_model_permissions SET name = @p0 WHERE name = @p1", newName, oldName), ct);

    public Task DeleteModelPermissionsAsync(string name, CancellationToken ct = default) =>
        Write(session => session.ExecuteAsync("DELETE FROM registered_model_permissions WHERE name = @p0", name), ct);

    public Task<string> GetRunExperimentIdAsync(string runId, CancellationToken ct = default) =>
        Read(async session => await session.ScalarAsync("SELECT experiment_id FROM runs WHERE run_uuid = @p0", runId).ConfigureAwait(false) is { } id
            ? Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture)!
            : throw FathomException.NotFound($"Run with id={runId} not found"), ct);

    private static (string Table, string Column) PermissionTable(PermissionResource kind) => kind == PermissionResource.Experiment
        ? ("experiment_permissions", "experiment_id")
        : ("registered_model_permissions", "name");

    private static ResourcePermission ReadPermission(PermissionResource kind, DbDataReader r) =>
        new(kind, r.GetString(0), Rows.Long(r, 1), r.GetString(2), Permission.Parse(r.GetString(3)));

    private static void RequirePermission(int changed, PermissionResource kind, string resourceId, string username)
    {
        if (changed == 0)
        {
            throw FathomException.NotFound(kind == PermissionResource.Experiment
                ? $"Experiment permission with experiment_id={resourceId} and username={username} not found"
                : $"Registered model permission with name={resourceId} and username={username} not found");
        }
    }
}
