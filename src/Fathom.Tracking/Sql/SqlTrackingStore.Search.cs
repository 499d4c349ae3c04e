using System.Globalization;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    /// <summary>
    /// Two steps, both set-based: one query selects the page of run ids (filter, order and paging all in SQL,
    /// through the <see cref="ISearchTranslator"/> seam) with the runs' own columns, then <see cref="RunLoader"/> loads
    /// their tags, params, metrics and inputs.
    /// </summary>
    public Task<Page<Run>> SearchRunsAsync(RunSearch search, CancellationToken ct = default)
    {
        CheckMaxResults(search.MaxResults,
            $"Invalid value for request parameter max_results. It must be at most {SearchMaxResultsThreshold}, but got value {search.MaxResults}");
        var offset = PageToken.ParseOffset(search.PageToken);
        var sql = _search.TranslateRuns(search.Filter, search.OrderBy, backend.Dialect);
        var experimentIds = search.ExperimentIds.Select(ParseExperimentId).OfType<long>().Distinct().ToArray();
        var scope = new RunScope(experimentIds, StagesOf(search.ViewType));
        return Read(async session =>
        {
            var (runs, next) = sql.LeadingMetric is { } leading
                ? await RunPages.InMetricOrderAsync(session, sql, leading, scope, search.MaxResults, offset).ConfigureAwait(false)
                : await RunPages.ReadAsync(session, sql, scope, search.MaxResults, offset).ConfigureAwait(false);
            return new Page<Run>(await RunLoader.LoadAsync(session, runs).ConfigureAwait(false), next);
        }, ct);
    }

    public Task<Page<Experiment>> SearchExperimentsAsync(ExperimentSearch search, CancellationToken ct = default)
    {
        CheckMaxResults(search.MaxResults,
            $"Invalid value for max_results. It must be at most {SearchMaxResultsThreshold}, but got {search.MaxResults}");
        var offset = PageToken.ParseOffset(search.PageToken);
        var sql = _search.TranslateExperiments(search.Filter, search.OrderBy, backend.Dialect);
        return Read(async session =>
        {
            var query =
                $"SELECT {Rows.ExperimentColumns} FROM experiments {sql.Joins} WHERE {session.InList("experiments.lifecycle_stage", "@p0")}" +
                (string.IsNullOrWhiteSpace(sql.Where) ? "" : $" AND ({sql.Where})") +
                $" ORDER BY {sql.OrderBy} LIMIT @p1 OFFSET @p2";
            var (rows, next) = await PageAsync(session, query, Rows.Experiment, sql.Parameters, search.MaxResults, offset,
                ListValue.Of(StagesOf(search.ViewType)), (long)search.MaxResults + 1, offset).ConfigureAwait(false);
            var tags = rows.Count == 0
                ? Array.Empty<(string, Tag)>().ToLookup(t => t.Item1, t => t.Item2)
                : (await session.ListAsync(
                    $"SELECT experiment_id, key, value FROM experiment_tags WHERE {session.InList("experiment_id", "@p0")} ORDER BY key",
                    r => (Id: Rows.Long(r, 0).ToString(CultureInfo.InvariantCulture), Tag: new Tag(r.GetString(1), Rows.String(r, 2) ?? "")),
                    ListValue.Of(rows.Select(e => long.Parse(e.Id, CultureInfo.InvariantCulture)))).ConfigureAwait(false))
                    .ToLookup(t => t.Id, t => t.Tag);
            return new Page<Experiment>([.. rows.Select(e => e.WithTags([.. tags[e.Id]]))], next);
        }, ct);
    }
}
