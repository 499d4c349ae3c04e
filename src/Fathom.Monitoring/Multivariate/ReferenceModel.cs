using Fathom.Core.Tables;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// What the reference teaches the PCA and Mahalanobis checks: the feature encoding, and the eigendecomposition of the
/// covariance (n - 1) of the standardized reference. PCA keeps the leading components that explain more than the
/// requested share of variance (scikit-learn's rule for a fractional n_components); the reconstruction error of a
/// row is then the norm of its part outside those components, Σ_{i≥k} (v_iᵀz)², without forming the reconstruction.
/// The Mahalanobis distance comes from the same projection: d² = Σ_i (v_iᵀz)² / λ_i. A singular covariance
/// (constant or collinear columns) gets a ridge of 1e-6 × the mean variance added to every eigenvalue, and says so.
/// </summary>
internal sealed class ReferenceModel
{
    private const double RidgeShare = 1e-6;
    private const double SingularRatio = 1e-10;
    private const int ComponentGroup = 4;

    private readonly double[] _components; // d x d, column-major by component: component i at [i * d, (i + 1) * d)
    private readonly double[] _inverseEigenvalues;
    private readonly double[] _grouped; // components in groups of four, interleaved: [(group * d + j) * 4 + c], zero-padded

    private readonly double[] _covariance; // d x d, of the standardized reference

    private ReferenceModel(FeatureEncoder encoder, double[] covariance, double[] eigenvalues, double[] components, int kept, double ridge)
    {
        _covariance = covariance;
        Encoder = encoder;
        Eigenvalues = eigenvalues;
        _components = components;
        KeptComponents = kept;
        Ridge = ridge;
        _inverseEigenvalues = eigenvalues.Select(l => 1 / (Math.Max(l, 0) + ridge)).ToArray();
        var d = eigenvalues.Length;
        _grouped = new double[(d + ComponentGroup - 1) / ComponentGroup * ComponentGroup * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) _grouped[(i / ComponentGroup * d + j) * ComponentGroup + i % ComponentGroup] = components[i * d + j];
    }

    public FeatureEncoder Encoder { get; }

    /// <summary>Eigenvalues of the standardized reference covariance, largest first.</summary>
    public double[] Eigenvalues { get; }

    public int KeptComponents { get; }

    /// <summary>What was added to every eigenvalue for the Mahalanobis distance (0 when the covariance is regular).</summary>
    public double Ridge { get; }

    /// <summary>
    /// The Pearson correlation of features <paramref name="a"/> and <paramref name="b"/> (encoder order) over the
    /// reference, from the covariance already summed for PCA. It is the correlation of the raw values only for numerical
    /// columns without missing values (imputed rows would count); standardizing does not change a correlation.
    /// </summary>
    public double Correlation(int a, int b)
    {
        var d = Encoder.Count;
        return _covariance[a * d + b] / Math.Sqrt(_covariance[a * d + a] * _covariance[b * d + b]);
    }

    public double ExplainedVarianceRatio => Eigenvalues.Take(KeptComponents).Sum(l => Math.Max(l, 0)) / Eigenvalues.Sum(l => Math.Max(l, 0));

    /// <summary>Fitted on <paramref name="rows"/> of the reference (a sample), or on every row when null.</summary>
    public static ReferenceModel Fit(DataTable reference, FeatureEncoder encoder, double explainedVariance, int[]? rows = null)
    {
        var d = encoder.Count;
        var covariance = CrossProducts(reference, encoder, rows);
        for (var i = 0; i < covariance.Length; i++) covariance[i] /= (rows?.Length ?? reference.RowCount) - 1;
        var evd = Matrix<double>.Build.Dense(d, d, (double[])covariance.Clone()).Evd(Symmetricity.Symmetric);
        // MathNet orders eigenvalues ascending: reverse to the largest first, as PCA components are.
        var eigenvalues = new double[d];
        var components = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            var source = d - 1 - i;
            eigenvalues[i] = evd.EigenValues[source].Real;
            for (var j = 0; j < d; j++) components[i * d + j] = evd.EigenVectors[j, source];
        }
        var total = eigenvalues.Sum(l => Math.Max(l, 0));
        var kept = 0;
        for (var cumulative = 0.0; kept < d && !(cumulative / total > explainedVariance); kept++) cumulative += Math.Max(eigenvalues[kept], 0);
        var singular = total <= 0 || eigenvalues[^1] <= SingularRatio * eigenvalues[0];
        var ridge = singular ? RidgeShare * Math.Max(total / d, 1e-12) : 0;
        return new ReferenceModel(encoder, covariance, eigenvalues, components, Math.Max(1, kept), ridge);
    }

    /// <summary>Per row of <paramref name="table"/>: the PCA reconstruction error and the Mahalanobis distance.</summary>
    public void Score(DataTable table, double[] reconstructionErrors, double[] mahalanobis)
    {
        var d = Encoder.Count;
        RowBlocks.Run(table.RowCount, () => new double[d * RowBlocks.Size], (buffer, _, start, length) =>
        {
            var block = buffer.AsSpan(0, d * length);
            Encoder.Fill(table, start, length, block);
            var error = reconstructionErrors.AsSpan(start, length);
            var distance = mahalanobis.AsSpan(start, length);
            error.Clear();
            distance.Clear();
            for (var i = 0; i < d; i += ComponentGroup) Project(block, length, i, Math.Min(ComponentGroup, d - i), error, distance);
            for (var r = 0; r < length; r++)
            {
                error[r] = Math.Sqrt(error[r]);
                distance[r] = Math.Sqrt(distance[r]);
            }
        });
    }

    // Projects rows on components [first, first + count) and adds p²/λ to the distances and, for components PCA
    // drops, p² to the errors. Four components share each load of a feature's values and eight rows each broadcast
    // weight (a small matrix-multiply kernel with eight accumulators, fused multiply-adds, no bounds checks inside).
    private void Project(ReadOnlySpan<double> block, int length, int first, int count, Span<double> error, Span<double> distance)
    {
        var d = Encoder.Count;
        Span<double> weights = stackalloc double[ComponentGroup];
        Span<double> dropped = stackalloc double[ComponentGroup];
        for (var c = 0; c < ComponentGroup; c++)
        {
            weights[c] = c < count ? _inverseEigenvalues[first + c] : 0;
            dropped[c] = c < count && first + c >= KeptComponents ? 1 : 0;
        }
        var group = _grouped.AsSpan(first * d, ComponentGroup * d);
        ref var g = ref MemoryMarshal.GetReference(group);
        ref var x = ref MemoryMarshal.GetReference(block);
        Vector256<double> w0 = Vector256.Create(weights[0]), w1 = Vector256.Create(weights[1]), w2 = Vector256.Create(weights[2]), w3 = Vector256.Create(weights[3]);
        Vector256<double> e0 = Vector256.Create(dropped[0]), e1 = Vector256.Create(dropped[1]), e2 = Vector256.Create(dropped[2]), e3 = Vector256.Create(dropped[3]);
        var r = 0;
        for (; r + 8 <= length; r += 8)
        {
            Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            ref var row = ref Unsafe.Add(ref x, r);
            for (var j = 0; j < d; j++)
            {
                var lo = Vector256.LoadUnsafe(ref row, (nuint)(j * length));
                var hi = Vector256.LoadUnsafe(ref row, (nuint)(j * length + 4));
                ref var w = ref Unsafe.Add(ref g, j * ComponentGroup);
                var c0 = Vector256.Create(w);
                a0 = Vector256.FusedMultiplyAdd(c0, lo, a0);
                b0 = Vector256.FusedMultiplyAdd(c0, hi, b0);
                var c1 = Vector256.Create(Unsafe.Add(ref w, 1));
                a1 = Vector256.FusedMultiplyAdd(c1, lo, a1);
                b1 = Vector256.FusedMultiplyAdd(c1, hi, b1);
                var c2 = Vector256.Create(Unsafe.Add(ref w, 2));
                a2 = Vector256.FusedMultiplyAdd(c2, lo, a2);
                b2 = Vector256.FusedMultiplyAdd(c2, hi, b2);
                var c3 = Vector256.Create(Unsafe.Add(ref w, 3));
                a3 = Vector256.FusedMultiplyAdd(c3, lo, a3);
                b3 = Vector256.FusedMultiplyAdd(c3, hi, b3);
            }
            Accumulate(a0, a1, a2, a3, w0, w1, w2, w3, e0, e1, e2, e3, distance.Slice(r, 4), error.Slice(r, 4));
            Accumulate(b0, b1, b2, b3, w0, w1, w2, w3, e0, e1, e2, e3, distance.Slice(r + 4, 4), error.Slice(r + 4, 4));
        }
        for (; r < length; r++)
        {
            for (var c = 0; c < count; c++)
            {
                double p = 0;
                for (var j = 0; j < d; j++) p += group[j * ComponentGroup + c] * block[j * length + r];
                distance[r] += p * p * weights[c];
                error[r] += p * p * dropped[c];
            }
        }
    }

    private static void Accumulate(Vector256<double> p0, Vector256<double> p1, Vector256<double> p2, Vector256<double> p3,
        Vector256<double> w0, Vector256<double> w1, Vector256<double> w2, Vector256<double> w3,
        Vector256<double> e0, Vector256<double> e1, Vector256<double> e2, Vector256<double> e3, Span<double> distance, Span<double> error)
    {
        Vector256<double> s0 = p0 * p0, s1 = p1 * p1, s2 = p2 * p2, s3 = p3 * p3;
        (Vector256.Create(distance) + (s0 * w0 + s1 * w1 + s2 * w2 + s3 * w3)).CopyTo(distance);
        (Vector256.Create(error) + (s0 * e0 + s1 * e1 + s2 * e2 + s3 * e3)).CopyTo(error);
    }

    // Σ z zᵀ over the standardized reference, summed per block and then in block order (deterministic).
    private static double[] CrossProducts(DataTable table, FeatureEncoder encoder, int[]? rows)
    {
        var d = encoder.Count;
        var count = rows?.Length ?? table.RowCount;
        var perBlock = new double[RowBlocks.Count(count)][];
        RowBlocks.Run(count, () => new double[d * RowBlocks.Size], (buffer, block, start, length) =>
        {
            var values = buffer.AsSpan(0, d * length);
            if (rows is null) encoder.Fill(table, start, length, values);
            else encoder.Fill(table, rows.AsSpan(start, length), values);
            var sums = new double[d * d];
            for (var i = 0; i < d; i++)
                for (var j = 0; j <= i; j++)
                    sums[i * d + j] = sums[j * d + i] = RowBlocks.Dot(values.Slice(i * length, length), values.Slice(j * length, length));
            perBlock[block] = sums;
        });
        var total = new double[d * d];
        foreach (var sums in perBlock)
            for (var k = 0; k < total.Length; k++) total[k] += sums[k];
        return total;
    }
}
