using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>The experiments and lifecycle stages a run search covers.</summary>
internal sealed record RunScope(long[] ExperimentIds, string[] Stages);

/// <summary>
/// Reads one page of run ids for a search. With one experiment and one stage (the usual case) both are equalities,
/// so the (experiment_id, lifecycle_stage, start_time DESC, run_uuid) index yields the default order directly and the
/// query stops at the page's end instead of sorting every run. When the first order_by key is a metric, runs with a
/// value for it are read in value order from the latest_metrics index first (<see cref="LeadingMetricOrder"/>).
/// The page query returns the runs' own columns, not just their ids: SQLite reads the runs row only for the rows
/// it returns, while loading them afterwards by id cost a second query and two b-tree seeks per run.
/// </summary>
internal static class RunPages
{
    public static Task<(List<RunInfo> Runs, string? Next)> ReadAsync(SqlSession session, SearchSql sql, RunScope scope, int maxResults, long offset) =>
        QueryAsync(session, $"SELECT {Rows.RunColumns} FROM runs {sql.Joins} WHERE {ScopeAndFilter(session, sql, scope)} ORDER BY {sql.OrderBy}",
            sql, scope, maxResults, offset);

    /// <summary>
    /// The runs with a non-NaN value come first and are read in index order; only a page that reaches past them also
    /// reads the rest (NaN values, then no value) in the full order, offset by how many came first.
    /// </summary>
    public static async Task<(List<RunInfo> Runs, string? Next)> InMetricOrderAsync(
        SqlSession session, SearchSql sql, LeadingMetricOrder leading, RunScope scope, int maxResults, long offset)
    {
        var notNan = session.Dialect == SqlDialect.Sqlite ? "0" : "FALSE";
        var valued = $"FROM latest_metrics {leading.Alias} CROSS JOIN runs {leading.Joins} " +
                     $"WHERE {leading.Alias}.key = {leading.KeyParameter} AND {leading.Alias}.is_nan = {notNan} " +
                     $"AND runs.run_uuid = {leading.Alias}.run_uuid AND {ScopeAndFilter(session, sql, scope)}";
        var (first, next) = await QueryAsync(session, $"SELECT {Rows.RunColumns} {valued} ORDER BY {leading.OrderBy}", sql, scope, maxResults, offset)
            .ConfigureAwait(false);
        if (next is not null)
        {
            return (first, next);
        }

        var valuedCount = first.Count > 0 || offset == 0
            ? offset + first.Count
            : (await session.ListAsync($"SELECT COUNT(*) {valued}", r => Rows.Long(r, 0), sql.Parameters, ScopeArguments(scope)).ConfigureAwait(false))[0];
        var isNan = session.Dialect == SqlDialect.Sqlite ? $"{leading.Alias}.is_nan = 1" : $"{leading.Alias}.is_nan";
        var restSql = $"SELECT {Rows.RunColumns} FROM runs {sql.Joins} WHERE {ScopeAndFilter(session, sql, scope)} " +
                      $"AND ({leading.Alias}.value IS NULL OR {isNan}) ORDER BY {sql.OrderBy}";
        var (rest, restNext) = await QueryAsync(session, restSql, sql, scope, maxResults - first.Count, Math.Max(0, offset - valuedCount))
            .ConfigureAwait(false);
        return ([.. first, .. rest], restNext is null ? null : PageToken.Create(offset + maxResults));
    }

    private static async Task<(List<RunInfo> Runs, string? Next)> QueryAsync(
        SqlSession session, string sql, SearchSql search, RunScope scope, int maxResults, long offset)
    {
        var rows = await session.ListAsync($"{sql} LIMIT @p2 OFFSET @p3", Rows.RunInfo, search.Parameters,
            [.. ScopeArguments(scope), (long)maxResults + 1, offset]).ConfigureAwait(false);
        if (rows.Count <= maxResults)
        {
            return (rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return (rows, PageToken.Create(offset + maxResults));
    }

    private static string ScopeAndFilter(SqlSession session, SearchSql sql, RunScope scope) =>
        (scope.ExperimentIds.Length == 1 ? "runs.experiment_id = @p0" : session.InList("runs.experiment_id", "@p0")) +
        " AND " + (scope.Stages.Length == 1 ? "runs.lifecycle_stage = @p1" : session.InList("runs.lifecycle_stage", "@p1")) +
        (string.IsNullOrWhiteSpace(sql.Where) ? "" : $" AND ({sql.Where})");

    private static object?[] ScopeArguments(RunScope scope) =>
    [
        scope.ExperimentIds.Length == 1 ? scope.ExperimentIds[0] : ListValue.Of(scope.ExperimentIds),
        scope.Stages.Length == 1 ? scope.Stages[0] : ListValue.Of(scope.Stages),
    ];
}
