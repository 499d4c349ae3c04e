using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics;

namespace Fathom.Monitoring.Tests.Statistics;

/// <summary>
/// Every drift test against the values SciPy (and NumPy re-implementations of Evidently's wrappers) computed for the
/// same inputs: tools/oracle/generate_stat_references.py. Tolerances are in <see cref="Tolerance"/>.
/// </summary>
public class ScipyReferenceTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceCases.All.Where(c => DriftTests.TryGet(c.Test, out _)))
        {
            data.Add(c.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Drift_test_matches_the_SciPy_reference(string caseId)
    {
        var c = ReferenceCases.All.Single(x => x.ToString() == caseId);
        var test = DriftTests.Get(c.Test);
        if (c.ScipyError is not null)
        {
            var error = Assert.Throws<FathomException>(() => Run(test, c));
            Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
            Assert.Contains(c.Test, error.Message);
            return;
        }
        var result = Run(test, c);
        var (rtol, atol) = Tolerance.For(c);
        AssertClose(c.Statistic, result.Statistic, rtol, atol, "statistic");
        // Where SciPy's p-value is NaN (a test undefined for the data) Fathom reports 1: no evidence of drift.
        var expectedScore = double.IsNaN(c.DriftScore) ? 1.0 : c.DriftScore;
        if (c.DriftScoreAbsoluteTolerance is { } scoreAtol)
        {
            Assert.InRange(result.DriftScore, expectedScore - scoreAtol, expectedScore + scoreAtol);
        }
        else
        {
            AssertClose(expectedScore, result.DriftScore, rtol, atol, "drift score");
        }
        Assert.Equal(test.IsDrift(result.DriftScore, test.DefaultThreshold), result.Drifted);
    }

    private static DriftTestResult Run(DriftTest test, ReferenceCase c)
    {
        if (c.Kind == "num")
        {
            return test.Numerical(c.Reference, c.Current);
        }
        var reference = c.Reference.Select(v => (int)v).ToArray();
        var current = c.Current.Select(v => (int)v).ToArray();
        return test.Categorical(reference, current, c.CategoryCount);
    }

    private static void AssertClose(double expected, double actual, double rtol, double atol, string what)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.Equal(expected, actual);
            return;
        }
        var allowed = rtol * Math.Abs(expected) + atol;
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(actual - expected):E3}, allowed {allowed:E3})");
    }
}
