using System.Collections.Frozen;
using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics.Internals;
using Fathom.Monitoring.Statistics.Tests;

namespace Fathom.Monitoring.Statistics;

/// <summary>
/// The registry of drift tests under Evidently 0.4's stable names, and Evidently's default choice of test per column.
/// Fathom-only variants (textbook forms of tests where Evidently's choice is unusual) have names of their own.
/// </summary>
public static class DriftTests
{
    private static readonly ColumnKind[] Num = [ColumnKind.Numerical];
    private static readonly ColumnKind[] Cat = [ColumnKind.Categorical];
    private static readonly ColumnKind[] Both = [ColumnKind.Categorical, ColumnKind.Numerical];

    public static readonly DriftTest KolmogorovSmirnov =
        new("ks", "K-S p_value", Num, 0.05, DriftRule.PValueAtOrBelow, new KolmogorovSmirnovTest());

    public static readonly DriftTest ChiSquare =
        new("chisquare", "chi-square p_value", Cat, 0.05, DriftRule.PValueBelow, new ChiSquareGoodnessOfFitTest());

    public static readonly DriftTest Z =
        new("z", "Z-test p_value", Cat, 0.05, DriftRule.PValueBelow, new ProportionsZTest());

    public static readonly DriftTest Wasserstein =
        new("wasserstein", "Wasserstein distance (normed)", Num, 0.1, DriftRule.DistanceAtOrAbove, new WassersteinNormedTest());

    public static readonly DriftTest JensenShannon =
        new("jensenshannon", "Jensen-Shannon distance", Both, 0.1, DriftRule.DistanceAtOrAbove, new JensenShannonTest());

    private static readonly FrozenDictionary<string, DriftTest> ByName = Register(
        KolmogorovSmirnov, ChiSquare, Z, Wasserstein, JensenShannon,
        new("psi", "PSI", Both, 0.1, DriftRule.DistanceAtOrAbove, new PopulationStabilityIndexTest()),
        new("kl_div", "Kullback-Leibler divergence", Both, 0.1, DriftRule.DistanceAtOrAbove, new KullbackLeiblerTest()),
        new("hellinger", "Hellinger distance", Both, 0.1, DriftRule.DistanceAtOrAbove, new HellingerDistanceTest()),
        new("anderson", "Anderson-Darling", Num, 0.1, DriftRule.PValueBelow, new AndersonDarlingTest()),
        new("cramer_von_mises", "Cramer-Von-mises", Num, 0.1, DriftRule.PValueAtOrBelow, new CramerVonMisesTest()),
        new("mannw", "Mann-Whitney U-rank test", Num, 0.05, DriftRule.PValueBelow, new MannWhitneyTest(twoSided: false)),
        new("mannw_two_sided", "Mann-Whitney U-rank test (two-sided)", Num, 0.05, DriftRule.PValueBelow,
            new MannWhitneyTest(twoSided: true)),
        new("t_test", "t_test", Num, 0.05, DriftRule.PValueBelow, new StudentTTest()),
        new("ed", "Energy-distance", Num, 0.1, DriftRule.DistanceAbove, new EnergyDistanceTest()),
        new("es", "Epps-Singleton", Num, 0.05, DriftRule.PValueBelow, new EppsSingletonTest()),
        new("emperical_mmd", "emperical_mmd", Num, 0.1, DriftRule.PValueBelow, new MaximumMeanDiscrepancyTest()),
        new("fisher_exact", "Fisher's Exact test", Cat, 0.1, DriftRule.PValueBelow, new FisherExactTest()),
        new("g_test", "g_test", Cat, 0.1, DriftRule.PValueBelow, new GTest()),
        new("TVD", "Total-Variation-Distance", Cat, 0.1, DriftRule.PValueBelow, new TotalVariationTest()),
        new("chisquare_contingency", "chi-square contingency p_value", Cat, 0.05, DriftRule.PValueBelow,
            new ChiSquareContingencyTest()));

    // Evidently spells the MMD test "emperical_mmd"; the correct spelling finds the same test.
    private static readonly FrozenDictionary<string, string> Aliases =
        new Dictionary<string, string> { ["empirical_mmd"] = "emperical_mmd" }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every registered test, by name.</summary>
    public static IReadOnlyCollection<DriftTest> All => ByName.Values;

    public static bool TryGet(string name, out DriftTest test) =>
        ByName.TryGetValue(Aliases.GetValueOrDefault(name, name), out test!);

    /// <summary>The test registered under <paramref name="name"/> (Evidently's name), or an INVALID_PARAMETER_VALUE error.</summary>
    public static DriftTest Get(string name) =>
        TryGet(name, out var test)
            ? test
            : throw FathomException.InvalidParameter(
                $"No drift test named '{name}'. Available: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>
    /// Evidently 0.4's default test (<c>_get_default_stattest</c>), as one rule. <paramref name="referenceSize"/> is the
    /// number of non-missing reference values; <paramref name="uniqueCount"/> the number of distinct non-missing values
    /// in reference and current together.
    /// <list type="bullet">
    /// <item>reference of at most 1000 values: numerical with more than 5 distinct values: ks; otherwise (numerical with
    /// at most 5, or categorical): chisquare when more than 2 distinct values, z when 1 or 2.</item>
    /// <item>reference of more than 1000 values: numerical with more than 5 distinct values: wasserstein; otherwise
    /// jensenshannon.</item>
    /// </list>
    /// </summary>
    public static DriftTest DefaultFor(ColumnKind kind, int referenceSize, int uniqueCount)
    {
        var manyValues = kind == ColumnKind.Numerical && uniqueCount > 5;
        if (referenceSize <= 1000)
        {
            return manyValues ? KolmogorovSmirnov : uniqueCount > 2 ? ChiSquare : Z;
        }
        return manyValues ? Wasserstein : JensenShannon;
    }

    /// <summary><see cref="DefaultFor(ColumnKind,int,int)"/> for a numerical column, counting distinct values itself.</summary>
    public static DriftTest DefaultForNumerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        DefaultFor(ColumnKind.Numerical, reference.Length, DistinctValues.CountUpTo(reference, current, 6));

    /// <summary><see cref="DefaultFor(ColumnKind,int,int)"/> for a categorical column of codes.</summary>
    public static DriftTest DefaultForCategorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var (r, _) = CategoryCounts.CountPresent(reference, current, categoryCount);
        return DefaultFor(ColumnKind.Categorical, reference.Length, r.Length);
    }

    private static FrozenDictionary<string, DriftTest> Register(params DriftTest[] tests) =>
        tests.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
}
