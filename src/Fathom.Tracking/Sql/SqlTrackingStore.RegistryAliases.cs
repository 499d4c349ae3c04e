using Fathom.Core.Errors;
using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Sql;

// The model registry: aliases (models:/name@alias), the recommended replacement for stages.
internal sealed partial class SqlTrackingStore
{
    public Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.AliasName(alias);
        RegistryValidator.Version(version);
        return Write(async session =>
        {
            var target = await RequireVersionAsync(session, name, version).ConfigureAwait(false);
            await session.ExecuteAsync(
                "INSERT INTO registered_model_aliases (alias, version, name) VALUES (@p0, @p1, @p2) " +
                "ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version",
                alias, target.Version, target.Name).ConfigureAwait(false);
        }, ct);
    }

    // Deleting an alias the model does not have is not an error, as in MLflow.
    public Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.AliasName(alias);
        return Write(async session =>
        {
            await RequireModelAsync(session, name).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM registered_model_aliases WHERE name = @p0 AND alias = @p1", name, alias)
                .ConfigureAwait(false);
        }, ct);
    }

    public Task<ModelVersion> GetModelVersionByAliasAsync(string name, string alias, CancellationToken ct = default)
    {
        RegistryValidator.ModelName(name);
        RegistryValidator.AliasName(alias);
        return Read(async session =>
        {
            var version = await session.ScalarAsync(
                "SELECT version FROM registered_model_aliases WHERE name = @p0 AND alias = @p1", name, alias).ConfigureAwait(false);
            if (version is null)
            {
                // MLflow's code for an unknown alias (and for an unknown model behind it).
                throw FathomException.InvalidParameter($"Registered model alias {alias} not found.");
            }

            return await LoadVersionAsync(session, name, Convert.ToString(version, System.Globalization.CultureInfo.InvariantCulture)!)
                .ConfigureAwait(false);
        }, ct);
    }
}
