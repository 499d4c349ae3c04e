using MathNet.Numerics;

namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// Survival function of the one-sample two-sided KS statistic D_n (SciPy's <c>kstwo.sf</c>), which ks_2samp uses
/// with n = round(m·n/(m+n)) above 10,000 values. Follows Simard and L'Ecuyer's choice of method by region, as SciPy
/// does: Ruben-Gambino at the ends, Smirnov's exact one-sided sum in the tail, the Durbin matrix (Marsaglia-Tsang-Wang)
/// or the Pelz-Good expansion in the body. Where SciPy uses Pomeranz's recursion (n &lt;= 140, 0.754693 &lt; n·x² &lt;= 4)
/// the Durbin matrix is used instead: both are exact, so they agree to rounding.
/// </summary>
internal static class KolmogorovDistribution
{
    public static double Survival(long n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }
        if (x <= 0.0)
        {
            return 1.0;
        }
        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }
            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (long i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / n) * (2 * t - 1);
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }
            return Clip(1.0 - cdf);
        }
        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }
        if (x >= 0.5)
        {
            return Clip(2 * SmirnovOneSided.Survival(n, x));
        }
        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 4)
            {
                return Clip(1.0 - DurbinMatrix.Cdf(n, x));
            }
            return Clip(2 * SmirnovOneSided.Survival(n, x));
        }
        if (nxSquared >= 370.0)
        {
            return 0.0;
        }
        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovOneSided.Survival(n, x));
        }
        double body;
        if (nxSquared >= 18.0)
        {
            body = 1.0;
        }
        else if (n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4)
        {
            body = DurbinMatrix.Cdf(n, x);
        }
        else
        {
            body = PelzGood.Cdf(n, x);
        }
        return Clip(1.0 - body);
    }

    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>log(n!/n^n) by Stirling's series with n·log(n) removed up front (no cancellation).</summary>
    private static double LogFactorialOverPower(long n)
    {
        var rn = 1.0 / n;
        var poly = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            poly = poly * (rn / n) + c;
        }
        return Math.Log(n) / 2 - n + Math.Log(2 * Math.PI) / 2 + rn * poly;
    }

    internal static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;
}

/// <summary>Smirnov's exact survival function of the one-sided statistic D+_n (SciPy's <c>special.smirnov</c>).</summary>
internal static class SmirnovOneSided
{
    /// <summary>
    /// Birnbaum-Tingey sum x·Σ C(n,j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j), every term positive, summed in log space and
    /// stopped once the terms past their peak no longer change the sum.
    /// </summary>
    public static double Survival(long n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }
        if (x <= 0.0)
        {
            return 1.0;
        }
        var last = (long)Math.Floor(n * (1 - x));
        var lnN = SpecialFunctions.GammaLn(n + 1.0);
        var sum = 0.0;
        var previous = 0.0;
        for (long j = 0; j <= last; j++)
        {
            var low = 1 - x - (double)j / n;
            if (low <= 0)
            {
                break;
            }
            var logTerm = lnN - SpecialFunctions.GammaLn(j + 1.0) - SpecialFunctions.GammaLn(n - j + 1.0)
                + (n - j) * Math.Log(low) + (j - 1) * Math.Log(x + (double)j / n);
            var term = Math.Exp(logTerm);
            sum += term;
            if (term < previous && term < sum * 1e-18)
            {
                break;
            }
            previous = term;
        }
        return KolmogorovDistribution.Clip(x * sum);
    }
}
