using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Search;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

// The model registry: search, filter, order and paging all in SQL, then one set-based load of the page.
internal sealed partial class SqlTrackingStore
{
    private const int SearchModelsMaxResults = 1000;
    private const int SearchVersionsMaxResults = 200_000;

    public Task<Page<RegisteredModel>> SearchRegisteredModelsAsync(RegisteredModelSearch search, CancellationToken ct = default)
    {
        CheckRegistryMaxResults(search.MaxResults, SearchModelsMaxResults);
        var sql = RegistrySearchSql.RegisteredModels(search.Filter, search.OrderBy, backend.Dialect);
        var offset = PageToken.ParseOffset(search.PageToken);
        return Read(async session =>
        {
            var query = $"SELECT {RegistryRows.ModelColumns} FROM registered_models" +
                (string.IsNullOrWhiteSpace(sql.Where) ? "" : $" WHERE {sql.Where}") +
                $" ORDER BY {sql.OrderBy} LIMIT @p0 OFFSET @p1";
            var (rows, next) = await PageAsync(session, query, RegistryRows.Model, sql.Parameters, search.MaxResults, offset,
                (long)search.MaxResults + 1, offset).ConfigureAwait(false);
            return new Page<RegisteredModel>(await RegistryLoader.ModelsAsync(session, rows).ConfigureAwait(false), next);
        }, ct);
    }

    /// <summary>Versions come with their tags but, as from MLflow's store, without aliases.</summary>
    public Task<Page<ModelVersion>> SearchModelVersionsAsync(ModelVersionSearch search, CancellationToken ct = default)
    {
        CheckRegistryMaxResults(search.MaxResults, SearchVersionsMaxResults);
        var sql = RegistrySearchSql.ModelVersions(search.Filter, search.OrderBy, backend.Dialect);
        var offset = PageToken.ParseOffset(search.PageToken);
        return Read(async session =>
        {
            var query = $"SELECT {RegistryRows.VersionColumns} FROM model_versions WHERE model_versions.current_stage <> @p0" +
                (string.IsNullOrWhiteSpace(sql.Where) ? "" : $" AND ({sql.Where})") +
                $" ORDER BY {sql.OrderBy} LIMIT @p1 OFFSET @p2";
            var (rows, next) = await PageAsync(session, query, RegistryRows.Version, sql.Parameters, search.MaxResults, offset,
                ModelStages.DeletedInternal, (long)search.MaxResults + 1, offset).ConfigureAwait(false);
            return new Page<ModelVersion>(await RegistryLoader.WithTagsAsync(session, rows).ConfigureAwait(false), next);
        }, ct);
    }

    private static void CheckRegistryMaxResults(int maxResults, int threshold)
    {
        if (maxResults < 1)
        {
            throw FathomException.InvalidParameter(
                $"Invalid value for max_results. It must be a positive integer, but got {maxResults}");
        }

        if (maxResults > threshold)
        {
            throw FathomException.InvalidParameter(
                $"Invalid value for request parameter max_results. It must be at most {threshold}, but got value {maxResults}");
        }
    }
}
