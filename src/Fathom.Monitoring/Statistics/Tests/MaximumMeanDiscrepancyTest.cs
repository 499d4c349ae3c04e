using Fathom.Core.Errors;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "emperical_mmd" (its spelling; "empirical_mmd" is accepted too): unbiased squared MMD with an RBF
/// kernel exp(-d²/(2σ²)), σ from the median heuristic over reference pairs (σ = sqrt(median(d²)/2), NumPy's
/// "nearest" percentile, σ = sqrt(1/2) when that median is 0), d² computed as Evidently does (y² - 2xy + x²). The
/// drift score is a permutation p-value over 100 seeded shuffles of the pooled kernel matrix (Evidently's shuffles are
/// unseeded). Quadratic in memory and time, so limited to 6,000 values in total and 3,000 in the reference.
/// </summary>
internal sealed class MaximumMeanDiscrepancyTest(int seed = 0) : Internals.IDriftStatistic
{
    private const int Permutations = 100;
    private const int MaxTotal = 6000;
    private const int MaxReference = 3000;

    public Internals.TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        int m = reference.Length, n = current.Length, total = m + n;
        if (total > MaxTotal || m > MaxReference || m < 2 || n < 2)
        {
            throw FathomException.InvalidParameter(
                $"Drift test 'emperical_mmd' needs 2 to {MaxReference} reference values and at most {MaxTotal} in total " +
                "(its cost is quadratic); sample the column first or choose another test.");
        }
        var gamma = 1.0 / (2.0 * Square(Sigma(reference)));
        var values = new double[total];
        reference.CopyTo(values);
        current.CopyTo(values.AsSpan(m));

        // Kernel matrix with a zero diagonal, as Evidently's mmd_pval builds it; float keeps 6,000² within 144 MB.
        var kernel = new float[(long)total * total];
        var rowSums = new double[total];
        double xx = 0, yy = 0, xy = 0;
        for (var i = 0; i < total; i++)
        {
            for (var j = 0; j < total; j++)
            {
                if (i == j)
                {
                    continue;
                }
                var k = Math.Exp(-gamma * SquaredDistance(values[i], values[j]));
                kernel[(long)i * total + j] = (float)k;
                rowSums[i] += k;
                if (i < m && j < m)
                {
                    xx += k;
                }
                else if (i >= m && j >= m)
                {
                    yy += k;
                }
                else if (i >= m)
                {
                    xy += k;
                }
            }
        }
        var observed = xx / ((double)m * (m - 1)) + yy / ((double)n * (n - 1)) - 2.0 * xy / ((double)m * n);
        var kernelTotal = rowSums.Sum();

        var random = new Random(seed);
        var order = Enumerable.Range(0, total).ToArray();
        var inX = new float[total];
        var atLeast = 0;
        for (var iteration = 0; iteration < Permutations; iteration++)
        {
            random.Shuffle(order);
            Array.Clear(inX);
            var rowsOfX = 0.0;
            for (var t = 0; t < m; t++)
            {
                inX[order[t]] = 1f;
                rowsOfX += rowSums[order[t]];
            }
            var permutedXX = 0.0;
            for (var t = 0; t < m; t++)
            {
                var row = kernel.AsSpan((int)((long)order[t] * total), total);
                permutedXX += Dot(row, inX);
            }
            var permutedYY = kernelTotal - 2 * rowsOfX + permutedXX;
            var permutedXY = rowsOfX - permutedXX;
            var permuted = permutedXX / ((double)m * (m - 1)) + permutedYY / ((double)n * (n - 1))
                - 2.0 * permutedXY / ((double)m * n);
            if (observed <= permuted)
            {
                atLeast++;
            }
        }
        return new Internals.TestOutcome(observed, (double)atLeast / Permutations);
    }

    public Internals.TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("emperical_mmd is numerical only.");

    private static double Sigma(ReadOnlySpan<double> reference)
    {
        var m = reference.Length;
        var distances = new double[(long)m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                distances[(long)i * m + j] = SquaredDistance(reference[i], reference[j]);
            }
        }
        var index = (long)Math.Round(0.5 * (distances.LongLength - 1), MidpointRounding.ToEven);
        var median = Select(distances, index);
        var sigma = Math.Sqrt(0.5 * median);
        return sigma == 0 ? Math.Sqrt(0.5) : sigma;
    }

    /// <summary>Evidently's squared_paired_dist: y² - 2xy + x², in that order (not (x - y)²).</summary>
    private static double SquaredDistance(double x, double y) => y * y - 2 * (x * y) + x * x;

    private static double Square(double x) => x * x;

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var acc = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            acc += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        }
        double sum = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double Select(double[] values, long k)
    {
        Array.Sort(values);
        return values[k];
    }
}
