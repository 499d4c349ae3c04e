using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.Quality;
using Fathom.Monitoring.TargetDrift;
using Fathom.Monitoring.Windows;

namespace Fathom.Monitoring.Reports;

/// <summary>Resolves the column mapping once, then computes the sections the preset asks for.</summary>
public static class MonitoringReportBuilder
{
    public static MonitoringReport Build(DataTable reference, DataTable current, ColumnMapping mapping, ReportOptions? options = null) =>
        Build(reference, current, mapping, options, cache: null);

    /// <summary>As above; <paramref name="cache"/> holds what earlier reports against the same reference computed from it.</summary>
    internal static MonitoringReport Build(DataTable reference, DataTable current, ColumnMapping mapping, ReportOptions? options, ReferenceCache? cache)
    {
        options ??= new ReportOptions();
        var preset = options.Preset;
        if (preset == ReportPreset.Classification && mapping.Task is null) mapping = mapping with { Task = "classification" };
        if (preset == ReportPreset.Regression && mapping.Task is null) mapping = mapping with { Task = "regression" };
        var definition = DataDefinitionBuilder.Build(reference, current, mapping);
        var all = preset == ReportPreset.All;
        var drift = preset is ReportPreset.Drift || all;
        var quality = preset is ReportPreset.Quality || all;
        var hasPrediction = definition.Prediction is not null || definition.PredictionProbabilities.Count > 0;
        var classification = preset == ReportPreset.Classification || (all && definition.Task == "classification" && hasPrediction);
        var regression = preset == ReportPreset.Regression || (all && definition.Task == "regression" && definition.Prediction is not null);
        ColumnDrift? Single(ColumnDefinition? column) => column is null || !drift
            ? null
            : DataDriftCalculator.Column(reference[column.Name], current[column.Name], column, options.Drift);
        // Windows first: a bad timestamp column fails before the whole-data report is computed.
        // With windows the whole-data report and every window share one reference cache.
        if (options.Window is not null) cache ??= new ReferenceCache(reference);
        var windows = options.Window is { } window ? WindowedReportBuilder.Build(reference, current, mapping, options, window, cache!) : null;
        // Multivariate drift shares no work with the per-column tests: it runs beside them, so neither leaves a core idle
        // while the other finishes its last column or block.
        var multivariate = drift && options.IncludeMultivariate
            ? Task.Run(() => MultivariateDriftCalculator.Calculate(reference, current, definition, options.Multivariate, cache))
            : null;
        return new MonitoringReport(
            preset,
            options.Time.GetUtcNow(),
            reference.RowCount,
            current.RowCount,
            definition,
            drift ? DataDriftCalculator.Calculate(reference, current, definition.DriftFeatures.ToList(), options.Drift, cache) : null,
            Single(definition.Target),
            Single(definition.Prediction),
            quality ? DataQualityCalculator.Calculate(reference, current, definition, options.Quality, cache) : null)
        {
            Multivariate = multivariate?.GetAwaiter().GetResult(),
            Classification = classification ? ClassificationCalculator.Calculate(reference, current, definition, options.Performance) : null,
            Regression = regression ? RegressionCalculator.Calculate(reference, current, definition, options.Performance) : null,
            TargetCorrelations = drift ? TargetCorrelationCalculator.Calculate(reference, current, definition) : null,
            Windows = windows,
        };
    }
}
