using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.Quality;
using Fathom.Monitoring.TargetDrift;
using Fathom.Monitoring.Windows;

namespace Fathom.Monitoring.Reports;

/// <summary>Which sections a report holds.</summary>
public enum ReportPreset
{
    Drift,
    Quality,
    Classification,
    Regression,
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
    DataQualityResult? DataQuality)
{
    /// <summary>Multivariate drift (drift and all presets, unless <see cref="ReportOptions.IncludeMultivariate"/> is off).</summary>
    public MultivariateDriftResult? Multivariate { get; init; }
    /// <summary>Classification presets, or "all" when the task is classification and a prediction is mapped.</summary>
    public ClassificationPerformance? Classification { get; init; }

    /// <summary>Regression presets, or "all" when the task is regression and a prediction is mapped.</summary>
    public RegressionPerformance? Regression { get; init; }

    /// <summary>With target drift: how each feature's correlation with the target changed.</summary>
    public TargetCorrelations? TargetCorrelations { get; init; }

    /// <summary>With <see cref="ReportOptions.Window"/>: the same sections per window of the current data.</summary>
    public ReportWindows? Windows { get; init; }
}

/// <summary>How a report is computed.</summary>
public sealed record ReportOptions
{
    public ReportPreset Preset { get; init; } = ReportPreset.All;

    public DriftOptions Drift { get; init; } = new();

    public QualityOptions Quality { get; init; } = new();

    /// <summary>Whether drift reports include multivariate drift (PCA, Mahalanobis, domain classifier, correlations).</summary>
    public bool IncludeMultivariate { get; init; } = true;

    public MultivariateOptions Multivariate { get; init; } = new();
    public PerformanceOptions Performance { get; init; } = new();

    /// <summary>When set, the current data is also split into windows (by <see cref="Mapping.ColumnMapping.Timestamp"/>) and every section is computed per window.</summary>
    public WindowSpec? Window { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
