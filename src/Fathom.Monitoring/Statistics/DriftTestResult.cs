namespace Fathom.Monitoring.Statistics;

/// <summary>
/// The outcome of one drift test on one column. <see cref="DriftScore"/> is what Evidently reports as
/// <c>drift_score</c>: the p-value for p-value tests, the distance otherwise. <see cref="Statistic"/> is the test
/// statistic behind it (KS D, chi-square, z, U, ...); for distance tests it equals the distance.
/// </summary>
public sealed record DriftTestResult(string TestName, double Statistic, double DriftScore, double Threshold, bool Drifted);
