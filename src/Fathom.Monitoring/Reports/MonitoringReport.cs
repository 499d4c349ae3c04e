using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Quality;

namespace Fathom.Monitoring.Reports;

/// <summary>Which sections a report holds.</summary>
public enum ReportPreset
{
    Drift,
    Quality,
    All,
}

/// <summary>Everything a report computes; written as JSON (<see cref="ReportJsonWriter"/>) or HTML (<see cref="Html.HtmlReportWriter"/>).</summary>
public sealed record MonitoringReport(
    ReportPreset Preset,
    DateTimeOffset GeneratedAt,
    int ReferenceRows,
    int CurrentRows,
    DataDefinition Definition,
    DataDriftResult? DataDrift,
    ColumnDrift? TargetDrift,
    ColumnDrift? PredictionDrift,
    DataQualityResult? DataQuality);

/// <summary>How a report is computed.</summary>
public sealed record ReportOptions
{
    public ReportPreset Preset { get; init; } = ReportPreset.All;

    public DriftOptions Drift { get; init; } = new();

    public QualityOptions Quality { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
