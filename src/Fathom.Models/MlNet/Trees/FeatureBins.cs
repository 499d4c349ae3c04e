namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The distinct thresholds numeric splits compare one feature with, so a value can be replaced by its bin, the number
/// of thresholds below it. For the threshold at index k, <c>value &lt;= threshold</c> exactly when
/// <c>bin(value) &lt;= k</c> (every threshold below the value lies below index k, and when the value exceeds the
/// threshold, thresholds 0..k all lie below it), so a split becomes an integer compare and the walk reads one int
/// per feature and row however many splits there are.
/// </summary>
internal sealed class FeatureBins
{
    private readonly float[] _cuts;

    /// <param name="thresholds">The feature's split thresholds, in any order, with repeats.</param>
    public FeatureBins(IEnumerable<float> thresholds)
    {
        var distinct = thresholds.Distinct().Order().ToArray();
        Count = distinct.Length;
        // Padded with +inf to a power of two, so the search halves without a bounds check; +inf is never below a value.
        _cuts = new float[Math.Max(1, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Count)))];
        Array.Fill(_cuts, float.PositiveInfinity);
        distinct.CopyTo(_cuts, 0);
    }

    /// <summary>Distinct thresholds; bins run from 0 to <see cref="Count"/>.</summary>
    public int Count { get; }

    /// <summary>The bin of a value that is not NaN: how many thresholds are strictly below it.</summary>
    public int Of(float value)
    {
        var cuts = _cuts;
        var bin = 0;
        // Branch-free halving (the compare becomes a conditional move): values arrive in no useful order.
        for (var step = cuts.Length >> 1; step > 0; step >>= 1)
            bin += cuts[bin + step - 1] < value ? step : 0;
        return bin + (cuts[bin] < value ? 1 : 0);
    }

    /// <summary>Writes the bins of <paramref name="values"/> into <paramref name="bins"/>; a NaN gets <paramref name="missingBin"/>.</summary>
    public void Fill(ReadOnlySpan<float> values, Span<int> bins, int missingBin)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            bins[i] = float.IsNaN(value) ? missingBin : Of(value);
        }
    }
}
