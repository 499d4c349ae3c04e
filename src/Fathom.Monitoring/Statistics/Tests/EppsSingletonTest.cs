using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics.Internals;
using MathNet.Numerics.LinearAlgebra;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "es": scipy.stats.epps_singleton_2samp with t = (0.4, 0.8) scaled by the pooled semi-IQR: compares the
/// empirical characteristic functions through a 4x4 covariance (pseudo-inverse, rank as degrees of freedom), with
/// SciPy's small-sample correction below 25 values. Needs 5 values per sample and a non-zero pooled IQR (Evidently
/// raises on a zero IQR; so does Fathom).
/// </summary>
internal sealed class EppsSingletonTest : IDriftStatistic
{
    private static readonly double[] T = [0.4, 0.8];
    private const double MachineEpsilon = 2.220446049250313e-16;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length < 5 || current.Length < 5)
        {
            throw FathomException.InvalidParameter("Drift test 'es' needs at least 5 values in each sample.");
        }
        var pooled = new double[reference.Length + current.Length];
        reference.CopyTo(pooled);
        current.CopyTo(pooled.AsSpan(reference.Length));
        Array.Sort(pooled);
        var iqr = Percentile.InterquartileRange(pooled);
        if (iqr == 0)
        {
            throw FathomException.InvalidParameter(
                "Drift test 'es' needs variability: the interquartile range of reference and current is zero.");
        }
        var sigma = iqr / 2;
        double nx = reference.Length, ny = current.Length, n = nx + ny;
        var (meanX, covX) = Characteristic(reference, sigma);
        var (meanY, covY) = Characteristic(current, sigma);
        var covariance = covX * (n / nx) + covY * (n / ny);
        var inverse = PseudoInverse(covariance);
        var rank = Rank(inverse);
        var diff = meanX - meanY;
        var w = n * diff.DotProduct(inverse * diff);
        if (Math.Max(nx, ny) < 25)
        {
            w *= 1.0 / (1.0 + Math.Pow(n, -0.45) + 10.1 * (Math.Pow(nx, -1.7) + Math.Pow(ny, -1.7)));
        }
        return new TestOutcome(w, Distributions.ChiSquareSurvival(w, rank));
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("es is numerical only.");

    /// <summary>np.linalg.pinv: singular values at most 1e-15 times the largest count as zero.</summary>
    private static Matrix<double> PseudoInverse(Matrix<double> matrix)
    {
        var svd = matrix.Svd(computeVectors: true);
        var s = svd.S;
        var cutoff = 1e-15 * s.Maximum();
        var inverted = Matrix<double>.Build.Dense(s.Count, s.Count);
        for (var i = 0; i < s.Count; i++)
        {
            inverted[i, i] = s[i] > cutoff ? 1.0 / s[i] : 0.0;
        }
        return svd.VT.TransposeThisAndMultiply(inverted) * svd.U.Transpose();
    }

    /// <summary>np.linalg.matrix_rank: singular values above max(S)·max(rows, columns)·ε.</summary>
    private static int Rank(Matrix<double> matrix)
    {
        var s = matrix.Svd(computeVectors: false).S;
        var tolerance = s.Maximum() * Math.Max(matrix.RowCount, matrix.ColumnCount) * MachineEpsilon;
        return s.Count(v => v > tolerance);
    }

    /// <summary>Mean and biased covariance of (cos t₁x, cos t₂x, sin t₁x, sin t₂x) over the sample.</summary>
    private static (Vector<double> Mean, Matrix<double> Covariance) Characteristic(ReadOnlySpan<double> sample, double sigma)
    {
        var g = Matrix<double>.Build.Dense(sample.Length, 4);
        for (var i = 0; i < sample.Length; i++)
        {
            for (var k = 0; k < T.Length; k++)
            {
                var angle = T[k] / sigma * sample[i];
                g[i, k] = Math.Cos(angle);
                g[i, k + T.Length] = Math.Sin(angle);
            }
        }
        var mean = g.ColumnSums() / sample.Length;
        var centered = g.Clone();
        for (var i = 0; i < sample.Length; i++)
        {
            centered.SetRow(i, g.Row(i) - mean);
        }
        return (mean, centered.TransposeThisAndMultiply(centered) / sample.Length);
    }
}
