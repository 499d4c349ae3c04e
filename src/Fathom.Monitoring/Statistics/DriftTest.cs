using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics;

/// <summary>
/// A registered drift test: Evidently's stable name, the column kinds it accepts, its default threshold and drift rule.
/// Get one from <see cref="DriftTests"/>. Samples must already have missing values removed; an empty sample is an
/// <see cref="ErrorCode.INVALID_PARAMETER_VALUE"/> error (an all-missing column has no distribution to compare).
/// </summary>
public sealed class DriftTest
{
    private readonly IDriftStatistic _statistic;

    internal DriftTest(string name, string displayName, ColumnKind[] kinds, double defaultThreshold, DriftRule rule,
        IDriftStatistic statistic)
    {
        Name = name;
        DisplayName = displayName;
        ColumnKinds = kinds;
        DefaultThreshold = defaultThreshold;
        Rule = rule;
        _statistic = statistic;
    }

    public string Name { get; }

    public string DisplayName { get; }

    public IReadOnlyList<ColumnKind> ColumnKinds { get; }

    public double DefaultThreshold { get; }

    public DriftRule Rule { get; }

    /// <summary>True when the drift score is a p-value (small means drift); false for distances.</summary>
    public bool IsPValue => Rule is DriftRule.PValueBelow or DriftRule.PValueAtOrBelow;

    public bool Supports(ColumnKind kind) => ColumnKinds.Contains(kind);

    /// <summary>Applies this test's drift rule; a NaN score never means drift (as in Evidently's comparisons).</summary>
    public bool IsDrift(double score, double threshold) => Rule switch
    {
        DriftRule.PValueBelow => score < threshold,
        DriftRule.PValueAtOrBelow => score <= threshold,
        DriftRule.DistanceAtOrAbove => score >= threshold,
        _ => score > threshold,
    };

    /// <summary>
    /// Runs the test on numerical samples. A categorical-only test (chisquare, z, ...) treats each distinct number
    /// as a category, which is what Evidently's default choice does for numerical columns with at most 5 values.
    /// </summary>
    public DriftTestResult Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current,
        double? threshold = null)
    {
        RequireNonEmpty(reference.Length, current.Length);
        TestOutcome outcome;
        if (Supports(ColumnKind.Numerical))
        {
            outcome = _statistic.Numerical(reference, current);
        }
        else
        {
            var codes = ValueCodes.Encode(reference, current);
            outcome = _statistic.Categorical(codes.Reference, codes.Current, codes.CategoryCount);
        }
        return Result(outcome, threshold);
    }

    /// <summary>True when the test sorts its samples first, so a caller holding sorted samples saves the sorts.</summary>
    internal bool TakesSortedSamples => _statistic is ISortedDriftStatistic && Supports(ColumnKind.Numerical);

    /// <summary>
    /// <see cref="Numerical"/> for samples already sorted ascending; the same result, without sorting again.
    /// Only for tests where <see cref="TakesSortedSamples"/> holds.
    /// </summary>
    internal DriftTestResult NumericalSorted(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent,
        double? threshold = null)
    {
        RequireNonEmpty(sortedReference.Length, sortedCurrent.Length);
        return Result(((ISortedDriftStatistic)_statistic).Sorted(sortedReference, sortedCurrent), threshold);
    }

    /// <summary>Runs the test on category codes in [0, categoryCount) (missing values removed).</summary>
    public DriftTestResult Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount,
        double? threshold = null)
    {
        if (!Supports(ColumnKind.Categorical))
        {
            throw FathomException.InvalidParameter(
                $"Drift test '{Name}' does not apply to categorical columns; it accepts: {string.Join(", ", ColumnKinds)}.");
        }
        RequireNonEmpty(reference.Length, current.Length);
        CategoryCounts.Validate(reference, categoryCount);
        CategoryCounts.Validate(current, categoryCount);
        return Result(_statistic.Categorical(reference, current, categoryCount), threshold);
    }

    private DriftTestResult Result(TestOutcome outcome, double? threshold)
    {
        var actual = threshold ?? DefaultThreshold;
        return new DriftTestResult(Name, outcome.Statistic, outcome.Score, actual, IsDrift(outcome.Score, actual));
    }

    private void RequireNonEmpty(int referenceLength, int currentLength)
    {
        if (referenceLength == 0 || currentLength == 0)
        {
            var which = referenceLength == 0 ? "reference" : "current";
            throw FathomException.InvalidParameter(
                $"Drift test '{Name}' needs at least one non-missing value; the {which} sample is empty.");
        }
    }

    public override string ToString() => Name;
}
