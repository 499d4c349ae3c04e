using Fathom.Core.Tables;
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

    private ReferenceModel(FeatureEncoder encoder, double[] eigenvalues, double[] components, int kept, double ridge)
    {
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

    public double ExplainedVarianceRatio => Eigenvalues.Take(KeptComponents).Sum(l => Math.Max(l, 0)) / Eigenvalues.Sum(l => Math.Max(l, 0));

    public static ReferenceModel Fit(DataTable reference, FeatureEncoder encoder, double explainedVariance)
    {
        var d = encoder.Count;
        var covariance = CrossProducts(reference, encoder);
        for (var i = 0; i < covariance.Length; i++) covariance[i] /= reference.RowCount - 1;
        var evd = Matrix<double>.Build.Dense(d, d, covariance).Evd(Symmetricity.Symmetric);
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
        return new ReferenceModel(encoder, eigenvalues, components, Math.Max(1, kept), ridge);
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
    // drops, p² to the errors. Four components share each load of a feature's values (a small matrix-multiply kernel).
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
        var r = 0;
        for (; r + 4 <= length; r += 4)
        {
            Vector256<double> p0 = default, p1 = default, p2 = default, p3 = default;
            for (var j = 0; j < d; j++)
            {
                var x = Vector256.Create(block.Slice(j * length + r, 4));
                var w = group.Slice(j * ComponentGroup, ComponentGroup);
                p0 += Vector256.Create(w[0]) * x;
                p1 += Vector256.Create(w[1]) * x;
                p2 += Vector256.Create(w[2]) * x;
                p3 += Vector256.Create(w[3]) * x;
            }
            var dist = p0 * p0 * weights[0] + p1 * p1 * weights[1] + p2 * p2 * weights[2] + p3 * p3 * weights[3];
            var err = p0 * p0 * dropped[0] + p1 * p1 * dropped[1] + p2 * p2 * dropped[2] + p3 * p3 * dropped[3];
            (Vector256.Create(distance.Slice(r, 4)) + dist).CopyTo(distance.Slice(r, 4));
            (Vector256.Create(error.Slice(r, 4)) + err).CopyTo(error.Slice(r, 4));
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

    // Σ z zᵀ over the standardized reference, summed per block and then in block order (deterministic).
    private static double[] CrossProducts(DataTable table, FeatureEncoder encoder)
    {
        var d = encoder.Count;
        var perBlock = new double[RowBlocks.Count(table.RowCount)][];
        RowBlocks.Run(table.RowCount, () => new double[d * RowBlocks.Size], (buffer, block, start, length) =>
        {
            var values = buffer.AsSpan(0, d * length);
            encoder.Fill(table, start, length, values);
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
