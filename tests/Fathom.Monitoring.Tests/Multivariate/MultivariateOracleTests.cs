using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;

namespace Fathom.Monitoring.Tests.Multivariate;

/// <summary>
/// Checks multivariate drift against scikit-learn/numpy values from tools/oracle/multivariate_oracle.py. PCA and
/// Mahalanobis: 1e-9 relative (an eigendecomposition of the covariance against scikit-learn's SVD of the data: the
/// same subspace in double precision). Correlations: 1e-9. The domain classifier: 0.03 of scikit-learn's
/// HistGradientBoostingClassifier under the same folds (two different tree learners, same settings).
/// </summary>
public sealed class MultivariateOracleTests
{
    private const double Relative = 1e-9;

    private static readonly DataTable Reference = TableReader.Read(Tables.Fixture("multivariate_reference.csv"));
    private static readonly DataTable Current = TableReader.Read(Tables.Fixture("multivariate_current.csv"));
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Tables.Fixture("multivariate_expected.json"))).RootElement;
    private static readonly DataDefinition Definition = DataDefinitionBuilder.Build(Reference, Current, new ColumnMapping());
    private static readonly MultivariateDriftResult Result = MultivariateDriftCalculator.Calculate(Reference, Current, Definition);

    [Fact]
    public void Pca_reconstruction_error_and_thresholds_match_nannyml_steps_in_scikit_learn()
    {
        var pca = Result.Pca!;

        Assert.Equal(Expected.GetProperty("pca_components").GetInt32(), pca.Components);
        Close(Expected.GetProperty("pca_explained_variance").GetDouble(), pca.ExplainedVariance);
        Close(Expected.GetProperty("pca_reference_mean").GetDouble(), pca.Error.ReferenceValue);
        Close(Expected.GetProperty("pca_current_mean").GetDouble(), pca.Error.Value);
        Close(Expected.GetProperty("pca_thresholds")[0].GetDouble(), pca.Error.LowerThreshold);
        Close(Expected.GetProperty("pca_thresholds")[1].GetDouble(), pca.Error.UpperThreshold);
    }

    [Fact]
    public void Per_row_scores_match_for_the_first_current_rows()
    {
        var (_, scores) = MultivariateDriftCalculator.CalculateWithScores(Reference, Current, Definition, new MultivariateOptions());

        for (var i = 0; i < 5; i++)
        {
            Close(Expected.GetProperty("pca_first_current_rows")[i].GetDouble(), scores!.ReconstructionErrors[i]);
            Close(Expected.GetProperty("mahalanobis_first_current_rows")[i].GetDouble(), scores.MahalanobisDistances[i]);
        }
    }

    [Fact]
    public void Mahalanobis_distance_matches_numpy()
    {
        var m = Result.Mahalanobis!;

        Close(Expected.GetProperty("mahalanobis_reference_mean").GetDouble(), m.Distance.ReferenceValue);
        Close(Expected.GetProperty("mahalanobis_current_mean").GetDouble(), m.Distance.Value);
        Close(Expected.GetProperty("mahalanobis_thresholds")[0].GetDouble(), m.Distance.LowerThreshold);
        Close(Expected.GetProperty("mahalanobis_thresholds")[1].GetDouble(), m.Distance.UpperThreshold);
        Close(Expected.GetProperty("mahalanobis_limit").GetDouble(), m.SquaredDistanceLimit);
        Assert.Equal(Expected.GetProperty("mahalanobis_current_share_beyond").GetDouble(), m.ShareBeyond, 12);
        Assert.Equal(Expected.GetProperty("mahalanobis_reference_share_beyond").GetDouble(), m.ReferenceShareBeyond, 12);
        Assert.False(m.Regularized);
    }

    [Fact]
    public void Correlations_match_pairwise_complete_pearson()
    {
        var reference = Expected.GetProperty("reference_correlations");
        var current = Expected.GetProperty("current_correlations");

        Assert.Equal(6, Result.Correlation!.Pairs.Count);
        foreach (var pair in Result.Correlation.Pairs)
        {
            Close(reference.GetProperty($"{pair.First}|{pair.Second}").GetDouble(), pair.Reference);
            Close(current.GetProperty($"{pair.First}|{pair.Second}").GetDouble(), pair.Current);
        }
        Assert.Equal(("a", "b"), (Result.Correlation.Pairs[0].First, Result.Correlation.Pairs[0].Second));
        Assert.True(Result.Correlation.Drifted);
    }

    [Fact]
    public void Domain_classifier_auc_is_close_to_scikit_learn_hist_gradient_boosting()
    {
        var auc = Result.DomainClassifier!.RocAuc;

        Assert.InRange(auc, Expected.GetProperty("domain_classifier_auc_sklearn").GetDouble() - 0.03, Expected.GetProperty("domain_classifier_auc_sklearn").GetDouble() + 0.03);
        Assert.True(Result.DomainClassifier.Drifted);
        // The strongest change is the correlation of a and b (0.8 to 0.1), which only trees splitting on both find.
        Assert.Equal(["a", "b"], Result.DomainClassifier.Importance.Take(2).Select(f => f.Feature).Order());
        Assert.Equal(1.0, Result.DomainClassifier.Importance.Sum(f => f.Importance), 9);
    }

    [Fact]
    public void Roc_auc_averages_tied_ranks_like_scikit_learn()
    {
        var scores = Expected.GetProperty("auc_scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var labels = Expected.GetProperty("auc_labels").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();

        Assert.Equal(Expected.GetProperty("auc").GetDouble(), RocAuc.Compute(scores, labels), 12);
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Relative * Math.Abs(expected) + 1e-12, $"expected {expected:R}, got {actual:R}");
}
