using System.Globalization;
using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Search;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>
/// The tracking store over SQL (MLflow's <c>SqlAlchemyStore</c>), one implementation for SQLite and PostgreSQL:
/// the SQL is shared, <see cref="ISqlBackend"/> supplies connections and transactions. Split by area into
/// partial files: experiments, runs, logging, search, metric history.
/// </summary>
internal sealed partial class SqlTrackingStore(ISqlBackend backend, TrackingStoreOptions options) : ITrackingStore
{
    private const string DefaultExperimentId = "0";
    private readonly ISearchTranslator _search = options.SearchTranslator ?? MlflowSearchTranslator.Instance;

    public ValueTask DisposeAsync() => backend.DisposeAsync();

    private long Now() => options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> Read<T>(Func<SqlSession, Task<T>> work, CancellationToken ct) => backend.ReadAsync(work, ct);

    private Task<T> Write<T>(Func<SqlSession, Task<T>> work, CancellationToken ct) => backend.WriteAsync(work, ct);

    private Task Write(Func<SqlSession, Task> work, CancellationToken ct) =>
        backend.WriteAsync(async session => { await work(session).ConfigureAwait(false); return true; }, ct);

    private static string[] StagesOf(ViewType viewType) => viewType switch
    {
        ViewType.ACTIVE_ONLY => [LifecycleStage.Active],
        ViewType.DELETED_ONLY => [LifecycleStage.Deleted],
        _ => [LifecycleStage.Active, LifecycleStage.Deleted],
    };

    /// <summary>Experiment ids are integers in SQL; an id that is not one cannot exist.</summary>
    private static long? ParseExperimentId(string? experimentId) =>
        long.TryParse(string.IsNullOrEmpty(experimentId) ? DefaultExperimentId : experimentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private static void CheckMaxResults(int maxResults, string tooLargeMessage)
    {
        if (maxResults < 1)
        {
            throw FathomException.InvalidParameter(
                $"Invalid value for max_results. It must be a positive integer, but got {maxResults}");
        }

        if (maxResults > SearchMaxResultsThreshold)
        {
            throw FathomException.InvalidParameter(tooLargeMessage);
        }
    }

    private const int SearchMaxResultsThreshold = 50000;

    /// <summary>Runs a page query of ids (fetching one extra row to know whether another page follows).</summary>
    private static async Task<(List<T> Page, string? NextToken)> PageAsync<T>(
        SqlSession session, string sql, Func<System.Data.Common.DbDataReader, T> map, IReadOnlyDictionary<string, object?> named,
        int maxResults, long offset, params object?[] args)
    {
        var rows = await session.ListAsync(sql, map, named, args).ConfigureAwait(false);
        if (rows.Count <= maxResults)
        {
            return (rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return (rows, PageToken.Create(offset + maxResults));
    }
}
