using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;

namespace Fathom.Monitoring.Quality;

/// <summary>
/// The data quality section: every analysed column summarised in the reference and the current data (in parallel
/// across columns), compared against the reference (outliers with reference fences, values outside the reference
/// range, new and vanished categories), and dataset facts (missing cells, duplicated rows and columns).
/// </summary>
public static class DataQualityCalculator
{
    public static DataQualityResult Calculate(DataTable reference, DataTable current, DataDefinition definition, QualityOptions? options = null) =>
        Calculate(reference, current, definition, options, cache: null);

    /// <summary>As above; <paramref name="cache"/> (of this reference) keeps the reference's summaries and sorted columns across windows.</summary>
    internal static DataQualityResult Calculate(DataTable reference, DataTable current, DataDefinition definition, QualityOptions? options, ReferenceCache? cache)
    {
        options ??= new QualityOptions();
        var columns = definition.AllColumns.ToList();
        // Duplicated rows and columns need no column summary: they run beside the columns, so no core idles at the end.
        var referenceDuplicates = Task.Run(() => cache?.Duplicates() ?? ReferenceCache.FindDuplicates(reference));
        var currentDuplicates = Task.Run(() => ReferenceCache.FindDuplicates(current));
        var results = ParallelColumns.Map(columns.Count, i => Compare(reference[columns[i].Name], current[columns[i].Name], columns[i], options, cache));
        return new DataQualityResult(
            Dataset(reference, results, r => r.Reference, referenceDuplicates.GetAwaiter().GetResult()),
            Dataset(current, results, r => r.Current, currentDuplicates.GetAwaiter().GetResult()),
            results);
    }

    private static ColumnQuality Compare(Column reference, Column current, ColumnDefinition definition, QualityOptions options, ReferenceCache? cache)
    {
        SortedValues? refSorted = null;
        var refSummary = cache is null
            ? ColumnSummarizer.Summarize(reference, options, out refSorted)
            : cache.QualitySummary(reference, options);
        if (cache is not null && reference is NumericColumn numbers) refSorted = SortedValues.Kept(cache.Sorted(numbers));
        using var referenceBuffer = refSorted;
        var curSummary = ColumnSummarizer.Summarize(current, options, out var curSorted);
        using var currentBuffer = curSorted;
        var quality = new ColumnQuality(definition.Name, definition.TypeName, refSummary, curSummary);
        if (refSorted is not null && curSorted is not null && refSummary.Numeric is { } stats)
        {
            var iqr = stats.P75 - stats.P25;
            var (iqrLow, iqrHigh) = (stats.P25 - options.IqrFactor * iqr, stats.P75 + options.IqrFactor * iqr);
            var (zLow, zHigh) = (stats.Mean - options.ZScoreThreshold * stats.Std, stats.Mean + options.ZScoreThreshold * stats.Std);
            var outside = curSorted.CountOutside(stats.Min, stats.Max);
            quality = quality with
            {
                ReferenceOutliers = Outliers(refSorted, iqrLow, iqrHigh, zLow, zHigh),
                CurrentOutliers = Outliers(curSorted, iqrLow, iqrHigh, zLow, zHigh),
                OutOfRangeCount = outside,
                OutOfRangeShare = Share(outside, curSorted.Count),
            };
        }
        if (reference is CategoricalColumn refCategories && current is CategoricalColumn curCategories)
        {
            var refSeen = Present(refCategories);
            var curSeen = Present(curCategories);
            var curCounts = curCategories.CountPerCategory();
            var fresh = curSeen.Keys.Where(k => !refSeen.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            quality = quality with
            {
                NewCategories = fresh,
                NewCategoryRows = fresh.Sum(k => curCounts[curSeen[k]]),
                MissingCategories = refSeen.Keys.Where(k => !curSeen.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
            };
        }
        return quality;
    }

    private static OutlierCounts Outliers(SortedValues values, double iqrLow, double iqrHigh, double zLow, double zHigh)
    {
        var iqr = values.CountOutside(iqrLow, iqrHigh);
        var z = values.CountOutside(zLow, zHigh);
        return new OutlierCounts(iqr, Share(iqr, values.Count), z, Share(z, values.Count));
    }

    private static Dictionary<string, int> Present(CategoricalColumn column)
    {
        var counts = column.CountPerCategory();
        var present = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Length; i++) if (counts[i] > 0) present[column.Categories[i]] = i;
        return present;
    }

    private static DatasetSummary Dataset(DataTable table, ColumnQuality[] columns, Func<ColumnQuality, ColumnSummary> side, (long Rows, List<string[]> Columns) duplicates)
    {
        long missing = table.Columns.Sum(c => (long)c.MissingCount);
        long cells = (long)table.RowCount * table.Columns.Count;
        return new DatasetSummary(
            table.RowCount,
            table.Columns.Count,
            missing,
            Share(missing, cells),
            duplicates.Rows,
            duplicates.Columns,
            columns.Where(c => side(c).IsConstant).Select(c => c.Column).ToList(),
            columns.Where(c => side(c).IsAlmostConstant).Select(c => c.Column).ToList());
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;
}
