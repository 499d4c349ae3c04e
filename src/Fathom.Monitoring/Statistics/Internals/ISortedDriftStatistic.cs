namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// A numerical test whose work starts by sorting both samples. Callers that already hold sorted samples (the same
/// reference compared with many windows, say) call <see cref="Sorted"/> and skip the sorts.
/// </summary>
internal interface ISortedDriftStatistic : IDriftStatistic
{
    /// <summary>The outcome for samples sorted ascending (no NaN, not empty).</summary>
    TestOutcome Sorted(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent);
}
