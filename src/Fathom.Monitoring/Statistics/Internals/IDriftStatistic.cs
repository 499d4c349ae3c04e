namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// The computation behind one registered test. Inputs are never empty (the descriptor checks); missing values were
/// removed by the caller. Categorical samples are codes in [0, categoryCount).
/// </summary>
internal interface IDriftStatistic
{
    TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current);

    TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount);
}
