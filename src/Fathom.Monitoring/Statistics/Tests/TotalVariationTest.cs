using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "TVD": the total variation distance ½·Σ|r_i - c_i| of category shares is the statistic; the drift score
/// is a permutation p-value (1000 label permutations, share with a distance at least the observed). Evidently seeds
/// NumPy's generator; Fathom uses its own seeded generator, so p-values agree only within sampling error (about 0.016
/// at p = 0.5) while the statistic agrees exactly.
/// </summary>
internal sealed class TotalVariationTest(int seed = 0) : IDriftStatistic
{
    private const int Permutations = 1000;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        throw new InvalidOperationException("TVD is categorical only.");

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var r = CategoryCounts.Count(reference, categoryCount);
        var c = CategoryCounts.Count(current, categoryCount);
        var observed = Distance(r, reference.Length, c, current.Length);

        var pooled = new int[reference.Length + current.Length];
        reference.CopyTo(pooled);
        current.CopyTo(pooled.AsSpan(reference.Length));
        var total = new long[categoryCount];
        for (var k = 0; k < categoryCount; k++)
        {
            total[k] = r[k] + c[k];
        }
        // Drawing the smaller side is enough: the other side's counts are the remainder.
        var drawn = Math.Min(reference.Length, current.Length);
        var drawnIsReference = drawn == reference.Length;
        var random = new Random(seed);
        var counts = new long[categoryCount];
        var rest = new long[categoryCount];
        var atLeast = 0;
        for (var iteration = 0; iteration < Permutations; iteration++)
        {
            Array.Clear(counts);
            for (var i = 0; i < drawn; i++)
            {
                var j = random.Next(i, pooled.Length);
                (pooled[i], pooled[j]) = (pooled[j], pooled[i]);
                counts[pooled[i]]++;
            }
            for (var k = 0; k < categoryCount; k++)
            {
                rest[k] = total[k] - counts[k];
            }
            var distance = drawnIsReference
                ? Distance(counts, reference.Length, rest, current.Length)
                : Distance(rest, reference.Length, counts, current.Length);
            if (observed <= distance)
            {
                atLeast++;
            }
        }
        return new TestOutcome(observed, (double)atLeast / Permutations);
    }

    private static double Distance(long[] r, int nr, long[] c, int nc)
    {
        var sum = 0.0;
        for (var k = 0; k < r.Length; k++)
        {
            sum += Math.Abs((double)r[k] / nr - (double)c[k] / nc);
        }
        return 0.5 * sum;
    }
}
