using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics;

namespace Fathom.Monitoring.Tests.Statistics;

/// <summary>Behaviour the SciPy oracle does not pin down: Fathom's own decisions, documented in docs/monitoring-statistics.md.</summary>
public class DriftTestBehaviourTests
{
    [Fact]
    public void Every_test_in_the_reference_file_is_registered_and_every_registered_test_is_checked()
    {
        var referenced = ReferenceCases.All.Select(c => c.Test).ToHashSet();
        var registered = DriftTests.All.Select(t => t.Name).ToHashSet();
        Assert.Equal(registered.Order(), referenced.Order());
    }

    [Fact]
    public void A_category_missing_from_the_reference_makes_Evidentlys_chisquare_drift()
    {
        var result = DriftTests.ChiSquare.Categorical([0, 0, 1, 1], [0, 1, 2], categoryCount: 3);
        Assert.Equal(double.PositiveInfinity, result.Statistic);
        Assert.Equal(0.0, result.DriftScore);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void The_textbook_contingency_test_does_not_force_drift_for_one_new_value()
    {
        int[] reference = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 50)];
        int[] current = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 49), 2];
        var result = DriftTests.Get("chisquare_contingency").Categorical(reference, current, 3);
        Assert.False(result.Drifted);
        Assert.InRange(result.DriftScore, 0.3, 1.0);
    }

    [Fact]
    public void A_categorical_only_test_on_numbers_treats_each_value_as_a_category()
    {
        double[] reference = [1.5, 1.5, 2.5, 2.5];
        double[] current = [1.5, 2.5, 2.5, 2.5];
        var numeric = DriftTests.ChiSquare.Numerical(reference, current);
        var coded = DriftTests.ChiSquare.Categorical([0, 0, 1, 1], [0, 1, 1, 1], 2);
        Assert.Equal(coded.DriftScore, numeric.DriftScore);
        Assert.Equal(coded.Statistic, numeric.Statistic);
    }

    [Fact]
    public void Category_codes_outside_the_declared_count_are_rejected()
    {
        var error = Assert.Throws<FathomException>(() => DriftTests.ChiSquare.Categorical([0, 1], [0, 3], 2));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void The_same_single_value_on_both_sides_never_drifts_for_p_value_tests()
    {
        double[] constant = [4.0, 4.0, 4.0, 4.0, 4.0, 4.0];
        foreach (var name in new[] { "ks", "t_test", "mannw", "mannw_two_sided", "cramer_von_mises", "chisquare", "z", "g_test" })
        {
            var result = DriftTests.Get(name).Numerical(constant, constant);
            Assert.False(double.IsNaN(result.DriftScore), name);
            Assert.False(result.Drifted, name);
        }
    }

    [Fact]
    public void Evidentlys_misspelt_mmd_name_and_the_correct_spelling_find_the_same_test()
    {
        Assert.Same(DriftTests.Get("emperical_mmd"), DriftTests.Get("empirical_mmd"));
    }

    [Fact]
    public void Permutation_tests_are_reproducible()
    {
        int[] reference = [0, 0, 0, 1, 1, 2, 2, 2, 2, 1];
        int[] current = [1, 1, 1, 2, 0, 2, 1, 1, 2, 1];
        var first = DriftTests.Get("TVD").Categorical(reference, current, 3);
        var second = DriftTests.Get("TVD").Categorical(reference, current, 3);
        Assert.Equal(first, second);
    }

    [Fact]
    public void An_explicit_threshold_overrides_the_default()
    {
        double[] reference = [.. Enumerable.Range(0, 100).Select(i => i / 100.0)];
        double[] current = [.. Enumerable.Range(0, 100).Select(i => i / 100.0 + 0.05)];
        var strict = DriftTests.Wasserstein.Numerical(reference, current, threshold: 0.5);
        var loose = DriftTests.Wasserstein.Numerical(reference, current, threshold: 0.1);
        Assert.Equal(0.5, strict.Threshold);
        Assert.False(strict.Drifted);
        Assert.True(loose.Drifted);
    }

    [Fact]
    public void Ks_gives_SciPys_exact_p_value_for_small_samples()
    {
        double[] small = [.. Enumerable.Range(0, 10).Select(i => (double)i)];
        double[] shifted = [.. Enumerable.Range(5, 10).Select(i => (double)i)];
        var exact = DriftTests.KolmogorovSmirnov.Numerical(small, shifted);
        Assert.Equal(0.5, exact.Statistic);
        // scipy.stats.ks_2samp(range(10), range(5, 15)).pvalue
        Assert.Equal(0.16782134274394334, exact.DriftScore, 1e-12);
    }
}
