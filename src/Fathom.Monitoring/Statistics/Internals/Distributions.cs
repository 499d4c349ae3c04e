using MathNet.Numerics;

namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Tail probabilities computed directly (not as 1 - CDF) where SciPy does so, to keep small p-values exact.</summary>
internal static class Distributions
{
    /// <summary>P(X &gt; x) for chi-square with <paramref name="dof"/> degrees of freedom (SciPy's chi2.sf / chdtrc).</summary>
    public static double ChiSquareSurvival(double x, double dof)
    {
        if (double.IsNaN(x) || dof <= 0)
        {
            return double.NaN;
        }
        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }
        return x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(dof / 2, x / 2);
    }

    /// <summary>Standard normal CDF (SciPy's ndtr).</summary>
    public static double NormalCdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    /// <summary>Standard normal survival function, computed without cancellation.</summary>
    public static double NormalSurvival(double z) => 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));

    /// <summary>P(T &gt; |t|) for Student's t with <paramref name="dof"/> degrees of freedom, via the incomplete beta.</summary>
    public static double StudentTwoSidedTail(double t, double dof)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }
        if (double.IsInfinity(t))
        {
            return 0.0;
        }
        return SpecialFunctions.BetaRegularized(dof / 2, 0.5, dof / (dof + t * t));
    }
}
