using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Reports;

/// <summary>A reference/current pair where "income" and "segment" drift and "age" does not.</summary>
internal static class ReportFixtures
{
    public static MonitoringReport Build(int rows, ReportPreset preset = ReportPreset.All)
    {
        var segments = new[] { "retail", "business", "public" };
        var reference = Of(
            Num("age", Normal(rows, 40, 10, 1)),
            Num("income", Normal(rows, 50, 5, 2)),
            Cat("segment", Enumerable.Range(0, rows).Select(i => segments[i % 3]).ToArray()),
            Num("target", Normal(rows, 1, 1, 5)));
        var current = Of(
            Num("age", Normal(rows, 40, 10, 3)),
            Num("income", Normal(rows, 65, 5, 4)),
            Cat("segment", Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? "<script>alert(1)</script>" : "retail").ToArray()),
            Num("target", Normal(rows, 1, 1, 6)));
        var fixedTime = new FixedTime(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        return MonitoringReportBuilder.Build(reference, current, new ColumnMapping(), new ReportOptions { Preset = preset, Time = fixedTime });
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
