using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using Fathom.Monitoring.Quality;

namespace Fathom.Monitoring.Reports;

/// <summary>Resolves the column mapping once, then computes the sections the preset asks for.</summary>
public static class MonitoringReportBuilder
{
    public static MonitoringReport Build(DataTable reference, DataTable current, ColumnMapping mapping, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var definition = DataDefinitionBuilder.Build(reference, current, mapping);
        var drift = options.Preset is ReportPreset.Drift or ReportPreset.All;
        var quality = options.Preset is ReportPreset.Quality or ReportPreset.All;
        ColumnDrift? Single(ColumnDefinition? column) => column is null || !drift
            ? null
            : DataDriftCalculator.Column(reference[column.Name], current[column.Name], column, options.Drift);
        return new MonitoringReport(
            options.Preset,
            options.Time.GetUtcNow(),
            reference.RowCount,
            current.RowCount,
            definition,
            drift ? DataDriftCalculator.Calculate(reference, current, definition.DriftFeatures.ToList(), options.Drift) : null,
            Single(definition.Target),
            Single(definition.Prediction),
            quality ? DataQualityCalculator.Calculate(reference, current, definition, options.Quality) : null)
        {
            Multivariate = drift && options.IncludeMultivariate ? MultivariateDriftCalculator.Calculate(reference, current, definition, options.Multivariate) : null,
        };
    }
}
