using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Performance;

namespace Fathom.Monitoring.TargetDrift;

/// <summary>
/// How each feature's correlation with the target changed, as Evidently's ColumnCorrelationsMetric on the target:
/// a numerical target against numerical features (Pearson and Spearman), a categorical target against categorical
/// features (Cramér's V, without continuity correction). Rows missing either value are left out (pairwise).
/// </summary>
public sealed record TargetCorrelations(string Target, IReadOnlyList<FeatureCorrelation> Features);

/// <summary>One feature and one method: the correlation in each dataset and the change (current - reference).</summary>
public sealed record FeatureCorrelation(string Feature, string Method, double Reference, double Current)
{
    public double Difference => Current - Reference;
}

public static class TargetCorrelationCalculator
{
    public static TargetCorrelations? Calculate(DataTable reference, DataTable current, DataDefinition definition)
    {
        if (definition.Target is not { } target) return null;
        var numerical = target.Type == FeatureType.Numerical && current[target.Name] is NumericColumn;
        var features = definition.Features.Where(f => numerical ? f.Type == FeatureType.Numerical && current[f.Name] is NumericColumn : f.Type == FeatureType.Categorical).ToList();
        var results = ParallelColumns.Map(features.Count, i => numerical
            ? new[]
            {
                Numeric(reference, current, target.Name, features[i].Name, "pearson", Correlation.Pearson),
                Numeric(reference, current, target.Name, features[i].Name, "spearman", Correlation.Spearman),
            }
            : [new FeatureCorrelation(features[i].Name, "cramer_v",
                Correlation.CramersV(LabelValues.Of(reference[target.Name]), LabelValues.Of(reference[features[i].Name])),
                Correlation.CramersV(LabelValues.Of(current[target.Name]), LabelValues.Of(current[features[i].Name])))]);
        return new TargetCorrelations(target.Name, results.SelectMany(r => r).ToList());
    }

    private static FeatureCorrelation Numeric(DataTable reference, DataTable current, string target, string feature, string method, Func<double[], double[], double> measure)
    {
        double Of(DataTable data)
        {
            var (x, y) = Correlation.Pairs(((NumericColumn)data[target]).Values, ((NumericColumn)data[feature]).Values);
            return measure(x, y);
        }
        return new FeatureCorrelation(feature, method, Of(reference), Of(current));
    }
}
