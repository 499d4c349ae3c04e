using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Statistics;
using StatKind = Fathom.Monitoring.Statistics.ColumnKind;

namespace Fathom.Monitoring.Drift;

/// <summary>
/// Data drift as Evidently's DataDriftTable computes it: one test per feature (chosen by the registry's default rule
/// unless <see cref="DriftOptions"/> says otherwise), then the dataset rule over the share of drifted columns.
/// Columns are tested in parallel; each test is a sort or a count pass over contiguous arrays.
/// </summary>
public static class DataDriftCalculator
{
    public static DataDriftResult Calculate(DataTable reference, DataTable current, IReadOnlyList<ColumnDefinition> columns, DriftOptions? options = null) =>
        Calculate(reference, current, columns, options, cache: null);

    /// <summary>As above; <paramref name="cache"/> (of this reference) keeps the sorted reference columns across calls.</summary>
    internal static DataDriftResult Calculate(DataTable reference, DataTable current, IReadOnlyList<ColumnDefinition> columns, DriftOptions? options, ReferenceCache? cache)
    {
        options ??= new DriftOptions();
        Validate(options, columns);
        var results = ParallelColumns.Map(columns.Count, i => Column(reference[columns[i].Name], current[columns[i].Name], columns[i], options, cache));
        var drifted = results.Count(r => r.Drifted);
        return new DataDriftResult(results, drifted, DatasetDrift.Share(drifted, results.Length),
            DatasetDrift.IsDrifted(drifted, results.Length, options.DriftShare), options.DriftShare);
    }

    /// <summary>The drift of one column (target drift and prediction drift use this too).</summary>
    public static ColumnDrift Column(Column reference, Column current, ColumnDefinition definition, DriftOptions options) =>
        Column(reference, current, definition, options, cache: null);

    internal static ColumnDrift Column(Column reference, Column current, ColumnDefinition definition, DriftOptions options, ReferenceCache? cache)
    {
        var kind = definition.Type == FeatureType.Numerical ? StatKind.Numerical : StatKind.Categorical;
        var threshold = ThresholdFor(definition, options);
        if (reference is NumericColumn refNumbers && current is NumericColumn curNumbers)
        {
            var r = DriftSamples.PresentSpan(refNumbers);
            var c = DriftSamples.PresentSpan(curNumbers);
            var test = TestFor(definition, options) ?? (kind == StatKind.Numerical
                ? DriftTests.DefaultForNumerical(r, c)
                : DriftTests.DefaultFor(kind, r.Length, DriftSamples.DistinctUpTo(r, c, 6)));
            if (kind == StatKind.Numerical && test.TakesSortedSamples && r.Length > 0 && c.Length > 0)
                return SortedNumerical(definition, test, refNumbers, r, c, threshold, options, cache);
            var distribution = kind == StatKind.Numerical
                ? DistributionBuilder.Numerical(r, c, options.HistogramBins)
                : Categorical(r, c, options.TopCategories);
            return Empty(r.Length, c.Length, definition, test, threshold, distribution)
                ?? Result(definition, test.Numerical(r, c, threshold), distribution);
        }
        if (reference is CategoricalColumn refCategories && current is CategoricalColumn curCategories)
        {
            using var codes = DriftSamples.Share(refCategories, curCategories);
            var distribution = DistributionBuilder.Categorical(codes, options.TopCategories);
            var test = TestFor(definition, options) ?? DriftTests.DefaultForCategorical(codes.Reference, codes.Current, codes.Categories.Count);
            return Empty(codes.Reference.Length, codes.Current.Length, definition, test, threshold, distribution)
                ?? Result(definition, test.Categorical(codes.Reference, codes.Current, codes.Categories.Count, threshold), distribution);
        }
        throw FathomException.InvalidParameter($"Column '{definition.Name}' holds {reference.Kind} values, which drift tests do not take.");
    }

    // Tests that sort get pooled sorted samples: the sorted copies of a million-row column then cost no garbage, and
    // the report's histogram is counted from them by binary search instead of another pass. A reference sorted
    // before (another window against the same reference) is taken as it is.
    private static ColumnDrift SortedNumerical(ColumnDefinition definition, DriftTest test, NumericColumn referenceColumn,
        ReadOnlySpan<double> reference, ReadOnlySpan<double> current, double? threshold, DriftOptions options, ReferenceCache? cache)
    {
        using var sortedCurrent = RadixSort.Sort(current);
        if (cache is not null)
        {
            var sorted = cache.Sorted(referenceColumn);
            return Result(definition, test.NumericalSorted(sorted, sortedCurrent.Values, threshold),
                DistributionBuilder.NumericalSorted(sorted, sortedCurrent.Values, options.HistogramBins));
        }
        using var sortedReference = RadixSort.Sort(reference);
        return Result(definition, test.NumericalSorted(sortedReference.Values, sortedCurrent.Values, threshold),
            DistributionBuilder.NumericalSorted(sortedReference.Values, sortedCurrent.Values, options.HistogramBins));
    }

    private static ColumnDrift Result(ColumnDefinition definition, DriftTestResult result, Distribution distribution) =>
        new(definition.Name, definition.TypeName, result.TestName, result.Statistic, result.DriftScore, result.Threshold, result.Drifted, distribution);

    // A dataset with no value in the column has no distribution to compare: report it, undrifted, instead of failing.
    private static ColumnDrift? Empty(int referenceCount, int currentCount, ColumnDefinition definition, DriftTest test, double? threshold, Distribution distribution)
    {
        if (referenceCount > 0 && currentCount > 0) return null;
        var which = referenceCount == 0 ? "reference" : "current";
        return new ColumnDrift(definition.Name, definition.TypeName, test.Name, double.NaN, double.NaN, threshold ?? test.DefaultThreshold, false, distribution)
        {
            Note = $"every value is missing in the {which} data",
        };
    }

    private static Distribution Categorical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int top)
    {
        using var codes = NumbersAsCodes(reference, current);
        return DistributionBuilder.Categorical(codes, top);
    }

    private static SharedCodes NumbersAsCodes(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var labels = new Dictionary<double, int>();
        int[] Encode(ReadOnlySpan<double> values)
        {
            var codes = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (!labels.TryGetValue(values[i], out var code)) labels.Add(values[i], code = labels.Count);
                codes[i] = code;
            }
            return codes;
        }
        var r = Encode(reference);
        var c = Encode(current);
        var names = labels.OrderBy(p => p.Value).Select(p => Quality.ColumnSummarizer.Format(p.Key)).ToList();
        return new SharedCodes(r, c, names);
    }

    private static DriftTest? TestFor(ColumnDefinition definition, DriftOptions options)
    {
        var name = options.PerColumnTest.GetValueOrDefault(definition.Name)
            ?? (definition.Type == FeatureType.Numerical ? options.NumericalTest : options.CategoricalTest)
            ?? options.Test;
        return name is null ? null : DriftTests.Get(name);
    }

    private static double? ThresholdFor(ColumnDefinition definition, DriftOptions options) =>
        options.PerColumnThreshold.TryGetValue(definition.Name, out var t) ? t
        : (definition.Type == FeatureType.Numerical ? options.NumericalThreshold : options.CategoricalThreshold) ?? options.Threshold;

    private static void Validate(DriftOptions options, IReadOnlyList<ColumnDefinition> columns)
    {
        if (options.DriftShare is <= 0 or > 1) throw FathomException.InvalidParameter($"Drift share {options.DriftShare} must be in (0, 1].");
        var names = columns.Select(c => c.Name).ToHashSet();
        foreach (var name in options.PerColumnTest.Keys.Concat(options.PerColumnThreshold.Keys))
            if (!names.Contains(name)) throw FathomException.InvalidParameter($"Drift options name column '{name}', which is not a feature.");
    }
}
