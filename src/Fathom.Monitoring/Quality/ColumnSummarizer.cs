using System.Globalization;
using Fathom.Core.Tables;

namespace Fathom.Monitoring.Quality;

/// <summary>Builds the <see cref="ColumnSummary"/> of one column: one sort for numbers and times, one count pass for categories.</summary>
internal static class ColumnSummarizer
{
    /// <summary><paramref name="presorted"/>, when given, supplies a numeric column's values already sorted (kept by a cache).</summary>
    public static ColumnSummary Summarize(Column column, QualityOptions options, out SortedValues? sorted, Func<NumericColumn, double[]>? presorted = null)
    {
        sorted = null;
        switch (column)
        {
            case NumericColumn numbers:
                sorted = presorted is null ? new SortedValues(numbers.Values) : SortedValues.Kept(presorted(numbers));
                var (unique, top) = sorted.Runs(options.MostCommonCount);
                return Summary(column, sorted.Count, unique, top.Select(t => (Format(t.Value), t.Count)), options) with { Numeric = sorted.Statistics() };
            case CategoricalColumn categories:
                var counts = categories.CountPerCategory();
                var best = new List<(string Value, long Count)>();
                long distinct = 0;
                foreach (var i in Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0).OrderBy(i => categories.Categories[i], StringComparer.Ordinal))
                {
                    distinct++;
                    SortedValues.Offer(best, (categories.Categories[i], counts[i]), options.MostCommonCount);
                }
                return Summary(column, counts.Sum(), distinct, best, options);
            case TimestampColumn times:
                var ticks = times.Ticks.ToArray().Where(t => t != TimestampColumn.MissingTicks).ToArray();
                Array.Sort(ticks);
                var runs = new List<(long Value, long Count)>();
                long distinctTimes = 0;
                for (var i = 0; i < ticks.Length;)
                {
                    var j = i + 1;
                    while (j < ticks.Length && ticks[j] == ticks[i]) j++;
                    distinctTimes++;
                    SortedValues.Offer(runs, (ticks[i], j - i), options.MostCommonCount);
                    i = j;
                }
                return Summary(column, ticks.Length, distinctTimes, runs.Select(r => (Iso(r.Value), r.Count)), options) with
                {
                    First = ticks.Length > 0 ? Iso(ticks[0]) : null,
                    Last = ticks.Length > 0 ? Iso(ticks[^1]) : null,
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(column));
        }
    }

    private static ColumnSummary Summary(Column column, long present, long unique, IEnumerable<(string Value, long Count)> top, QualityOptions options)
    {
        var mostCommon = top.Select(t => new ValueCount(t.Value, t.Count, present == 0 ? 0 : (double)t.Count / present)).ToList();
        return new ColumnSummary
        {
            Count = column.Length,
            MissingCount = column.Length - present,
            UniqueCount = unique,
            MostCommon = mostCommon,
            IsAlmostConstant = mostCommon.Count > 0 && mostCommon[0].Share >= options.AlmostConstantShare,
        };
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Iso(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
