namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>What a test computes before a threshold is applied.</summary>
internal readonly record struct TestOutcome(double Statistic, double Score);
