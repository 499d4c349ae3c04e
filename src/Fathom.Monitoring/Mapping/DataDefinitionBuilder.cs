using Fathom.Core.Errors;
using Fathom.Core.Tables;

namespace Fathom.Monitoring.Mapping;

/// <summary>
/// Resolves a <see cref="ColumnMapping"/> against a reference and a current table, checking that both have the
/// same columns with the same kinds, and inferring what the mapping leaves out with Evidently 0.4's rule
/// (<c>evidently/utils/data_preprocessing.py</c>, <c>_get_column_type</c>):
/// integer numbers with at most 5 distinct values are categorical, other numbers numerical, text categorical,
/// timestamps datetime; a numeric target is numerical only with more than 5 distinct values (unless the task is
/// classification); a prediction is categorical when it is text or (task not regression) has at most 5 values.
/// </summary>
public static class DataDefinitionBuilder
{
    /// <summary>Evidently's NUMBER_UNIQUE_AS_CATEGORICAL.</summary>
    public const int MaxUniqueAsCategorical = 5;

    public static DataDefinition Build(DataTable reference, DataTable current, ColumnMapping mapping)
    {
        CheckSameColumns(reference, current);
        var target = mapping.Target ?? (current.Contains("target") ? "target" : null);
        var prediction = mapping.Prediction ?? (current.Contains("prediction") && mapping.PredictionProbabilities is null ? "prediction" : null);
        foreach (var (role, name) in new[] { ("target", mapping.Target), ("prediction", mapping.Prediction), ("id", mapping.Id), ("timestamp", mapping.Timestamp) })
            if (name is not null) Require(current, name, role);
        foreach (var name in (mapping.PredictionProbabilities ?? []).Concat(mapping.NumericalFeatures ?? []).Concat(mapping.CategoricalFeatures ?? []))
            Require(current, name, "mapped");
        if (mapping.Task is not null and not ("classification" or "regression"))
            throw FathomException.InvalidParameter($"Task '{mapping.Task}' is unknown; use classification or regression.");

        var targetDef = target is null ? null : new ColumnDefinition(target, TargetType(reference, current, target, mapping.Task));
        var task = mapping.Task ?? targetDef?.Type switch
        {
            FeatureType.Categorical => "classification",
            FeatureType.Numerical => "regression",
            _ => null,
        };
        var predictionDef = prediction is null ? null : new ColumnDefinition(prediction, PredictionType(reference, current, prediction, task));
        var probabilities = (mapping.PredictionProbabilities ?? []).Select(p => new ColumnDefinition(p, FeatureType.Numerical)).ToList();
        foreach (var p in probabilities)
            if (current[p.Name].Kind != ColumnKind.Numeric) throw FathomException.InvalidParameter($"Probability column '{p.Name}' must be numeric.");

        var utility = new HashSet<string>(new[] { target, prediction, mapping.Id, mapping.Timestamp }.OfType<string>().Concat(probabilities.Select(p => p.Name)));
        var features = mapping.NumericalFeatures is null && mapping.CategoricalFeatures is null
            ? current.ColumnNames.Where(n => !utility.Contains(n)).Select(n => new ColumnDefinition(n, FeatureTypeOf(reference, current, n))).ToList()
            : ExplicitFeatures(current, mapping, utility);
        return new DataDefinition(features, targetDef, predictionDef, probabilities, mapping.Id, mapping.Timestamp, task);
    }

    private static List<ColumnDefinition> ExplicitFeatures(DataTable current, ColumnMapping mapping, HashSet<string> utility)
    {
        var numerical = (mapping.NumericalFeatures ?? []).Where(n => !utility.Contains(n)).ToList();
        foreach (var name in numerical)
            if (current[name].Kind != ColumnKind.Numeric) throw FathomException.InvalidParameter($"Column '{name}' is mapped as numerical but holds {KindName(current[name].Kind)}.");
        return numerical.Select(n => new ColumnDefinition(n, FeatureType.Numerical))
            .Concat((mapping.CategoricalFeatures ?? []).Where(n => !utility.Contains(n)).Select(n => new ColumnDefinition(n, FeatureType.Categorical)))
            .ToList();
    }

    private static FeatureType FeatureTypeOf(DataTable reference, DataTable current, string name) => current[name] switch
    {
        NumericColumn { IsInteger: true } => UniqueUpTo(reference, current, name) <= MaxUniqueAsCategorical ? FeatureType.Categorical : FeatureType.Numerical,
        NumericColumn => FeatureType.Numerical,
        TimestampColumn => FeatureType.Datetime,
        _ => FeatureType.Categorical,
    };

    private static FeatureType TargetType(DataTable reference, DataTable current, string name, string? task)
    {
        var numeric = current[name].Kind == ColumnKind.Numeric;
        var regression = task == "regression" || (numeric && task != "classification" && UniqueUpTo(reference, current, name) > MaxUniqueAsCategorical);
        return regression ? FeatureType.Numerical : FeatureType.Categorical;
    }

    private static FeatureType PredictionType(DataTable reference, DataTable current, string name, string? task)
    {
        if (current[name] is not NumericColumn numbers) return FeatureType.Categorical;
        if (task != "regression" && UniqueUpTo(reference, current, name) <= MaxUniqueAsCategorical) return FeatureType.Categorical;
        if (task == "classification" && numbers.Values.ToArray().Any(v => v > 1 || v < 0)) return FeatureType.Categorical;
        return FeatureType.Numerical;
    }

    /// <summary>Distinct non-missing values of the reference (the current when the reference has none), counted up to one past the limit.</summary>
    private static int UniqueUpTo(DataTable reference, DataTable current, string name)
    {
        var inReference = Distinct(reference[name]);
        return inReference > 0 ? inReference : Distinct(current[name]);
    }

    private static int Distinct(Column column)
    {
        const int limit = MaxUniqueAsCategorical + 1;
        switch (column)
        {
            case NumericColumn numbers:
                var seen = new HashSet<double>();
                foreach (var v in numbers.Values)
                    if (!double.IsNaN(v) && seen.Add(v) && seen.Count >= limit) break;
                return seen.Count;
            case CategoricalColumn categories:
                return categories.CountPerCategory().Count(c => c > 0);
            default:
                return limit;
        }
    }

    private static void CheckSameColumns(DataTable reference, DataTable current)
    {
        if (reference.RowCount == 0) throw FathomException.InvalidParameter("The reference data has no rows.");
        if (current.RowCount == 0) throw FathomException.InvalidParameter("The current data has no rows.");
        var onlyReference = reference.ColumnNames.Where(n => !current.Contains(n)).ToList();
        var onlyCurrent = current.ColumnNames.Where(n => !reference.Contains(n)).ToList();
        if (onlyReference.Count > 0 || onlyCurrent.Count > 0)
            throw FathomException.InvalidParameter(
                "The reference and current data have different columns: " +
                string.Join("; ", new[] { Listed("only in the reference", onlyReference), Listed("only in the current", onlyCurrent) }.OfType<string>()) + ".");
        foreach (var column in current.Columns)
        {
            var other = reference[column.Name];
            if (other.Kind != column.Kind)
                throw FathomException.InvalidParameter(
                    $"Column '{column.Name}' holds {KindName(other.Kind)} in the reference but {KindName(column.Kind)} in the current data.");
        }
    }

    private static void Require(DataTable current, string name, string role)
    {
        if (!current.Contains(name)) throw FathomException.InvalidParameter($"The {role} column '{name}' is not in the data.");
    }

    private static string? Listed(string where, List<string> names) =>
        names.Count == 0 ? null : $"{where}: {string.Join(", ", names.Select(n => $"'{n}'"))}";

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "numbers",
        ColumnKind.Categorical => "text",
        _ => "timestamps",
    };
}
