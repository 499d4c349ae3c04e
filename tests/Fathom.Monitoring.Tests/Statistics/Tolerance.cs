namespace Fathom.Monitoring.Tests.Statistics;

/// <summary>
/// How close Fathom must be to SciPy, per test. 1e-9 relative wherever both sides evaluate the same closed formula
/// or exact algorithm in double precision; looser bounds are listed with their reason (also in
/// docs/monitoring-statistics.md).
/// </summary>
internal static class Tolerance
{
    public const double Exact = 1e-9;

    /// <summary>Absolute slack for values that are zero up to rounding (e.g. a distance between equal samples).</summary>
    public const double Zero = 1e-12;

    public static (double Relative, double Absolute) For(ReferenceCase c) => (Exact, Zero);
}
