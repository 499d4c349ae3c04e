using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "anderson": scipy.stats.anderson_ksamp([reference, current]) with mid-ranks (Scholz and Stephens'
/// A²akN), standardised; the p-value interpolates Scholz and Stephens' table by a quadratic fit of log(significance)
/// against the critical values, and is capped to [0.001, 0.25] as in SciPy.
/// </summary>
internal sealed class AndersonDarlingTest : ISortedDriftStatistic
{
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var sortedReference = RadixSort.Sort(reference);
        using var sortedCurrent = RadixSort.Sort(current);
        return Sorted(sortedReference.Values, sortedCurrent.Values);
    }

    public TestOutcome Sorted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double n1 = a.Length, n2 = b.Length, total = n1 + n2;
        var akn = MidrankStatistic(a, b, total);
        var h = 0.0;
        for (var i = 1; i < total; i++)
        {
            h += 1.0 / i;
        }
        // g = Σ_{j=2}^{N-1} (Σ_{i=j}^{N-1} 1/i) / j, with the inner sums accumulated as SciPy's cumsum does.
        var g = 0.0;
        var cumulative = 0.0;
        for (var i = total - 1; i > 1; i--)
        {
            cumulative += 1.0 / i;
            g += cumulative / (total + 1 - i);
        }
        const double k = 2;
        var hh = 1.0 / n1 + 1.0 / n2;
        var ca = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hh;
        var cb = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hh - 8 * h + 4 * g - 6;
        var cc = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hh + 4 * h;
        var cd = (2 * h + 6) * k * k - 4 * h * k;
        var sigmaSquared = (ca * total * total * total + cb * total * total + cc * total + cd)
            / ((total - 1) * (total - 2) * (total - 3));
        var a2 = (akn - (k - 1)) / Math.Sqrt(sigmaSquared);
        return new TestOutcome(a2, PValue(a2));
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("anderson is numerical only.");

    private static double MidrankStatistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double total)
    {
        double sumA = 0, sumB = 0;
        int i = 0, j = 0, below = 0, distinct = 0;
        while (i < a.Length || j < b.Length)
        {
            var x = i < a.Length && (j >= b.Length || a[i] <= b[j]) ? a[i] : b[j];
            int fa = 0, fb = 0;
            while (i < a.Length && a[i] == x)
            {
                i++;
                fa++;
            }
            while (j < b.Length && b[j] == x)
            {
                j++;
                fb++;
            }
            double lj = fa + fb;
            var bj = below + lj / 2.0;
            var denominator = bj * (total - bj) - total * lj / 4.0;
            var ma = i - fa / 2.0;
            var mb = j - fb / 2.0;
            sumA += lj / total * Square(total * ma - bj * a.Length) / denominator;
            sumB += lj / total * Square(total * mb - bj * b.Length) / denominator;
            below += fa + fb;
            distinct++;
        }
        if (distinct < 2)
        {
            throw FathomException.InvalidParameter("Drift test 'anderson' needs more than one distinct value.");
        }
        return (sumA / a.Length + sumB / b.Length) * (total - 1.0) / total;
    }

    private static double Square(double x) => x * x;

    private static double PValue(double a2)
    {
        var m = 1.0;
        Span<double> critical = stackalloc double[B0.Length];
        for (var i = 0; i < B0.Length; i++)
        {
            critical[i] = B0[i] + B1[i] / Math.Sqrt(m) + B2[i] / m;
        }
        if (a2 < critical[0])
        {
            return 0.25;
        }
        if (a2 > critical[^1])
        {
            return 0.001;
        }
        var (c0, c1, c2) = QuadraticFit(critical);
        return Math.Exp(c0 * a2 * a2 + c1 * a2 + c2);
    }

    /// <summary>Least-squares quadratic through (critical, log significance), as np.polyfit(deg=2).</summary>
    private static (double, double, double) QuadraticFit(ReadOnlySpan<double> x)
    {
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(x.Length, 3);
        var target = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            design[i, 0] = x[i] * x[i];
            design[i, 1] = x[i];
            design[i, 2] = 1.0;
            target[i] = Math.Log(Significance[i]);
        }
        var solution = design.QR().Solve(target);
        return (solution[0], solution[1], solution[2]);
    }
}
