using Fathom.Models.Signatures;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.MlNet;

/// <summary>ML.NET column types to MLflow's, and the signature inferred from a model's input and output schemas.</summary>
internal static class MlNetSchemas
{
    /// <summary>The prediction columns ML.NET's trainers add, in the order Fathom returns them.</summary>
    public static readonly string[] PredictionColumns = ["PredictedLabel", "Score", "Probability"];

    /// <summary>The training label's default name; left out of inferred input signatures.</summary>
    public const string DefaultLabelColumn = "Label";

    public static ColumnType? ToColumnType(DataViewType type) => type switch
    {
        BooleanDataViewType => ColumnType.Boolean,
        TextDataViewType => ColumnType.String,
        DateTimeDataViewType or DateTimeOffsetDataViewType => ColumnType.Datetime,
        KeyDataViewType => ColumnType.Long,
        NumberDataViewType when type.RawType == typeof(float) => ColumnType.Float,
        NumberDataViewType when type.RawType == typeof(double) => ColumnType.Double,
        NumberDataViewType when type.RawType == typeof(long) || type.RawType == typeof(uint) || type.RawType == typeof(ulong) => ColumnType.Long,
        NumberDataViewType => ColumnType.Integer,
        _ => null,
    };

    /// <summary>
    /// The input columns the model reads, typed as MLflow names them: every visible column of the saved input schema
    /// that the pipeline cannot do without, except the label(s). Training data often carries columns the pipeline
    /// never reads; they would otherwise become required inputs.
    /// </summary>
    public static ModelSchema InferInputs(ITransformer model, DataViewSchema input, IReadOnlyCollection<string> excluded)
    {
        var columns = new List<ColumnSpec>();
        foreach (var column in input)
        {
            if (column.IsHidden || excluded.Contains(column.Name) || !IsRead(model, input, column.Index)) continue;
            var type = column.Type is VectorDataViewType
                ? throw FathomException.InvalidParameter(
                    $"ML.NET input column '{column.Name}' is a vector; Fathom tables hold scalar columns, so build vectors inside the pipeline (Concatenate).")
                : ToColumnType(column.Type) ?? throw FathomException.InvalidParameter(
                    $"ML.NET input column '{column.Name}' has type {column.Type}, which has no MLflow column type.");
            columns.Add(new ColumnSpec(column.Name, type));
        }
        return ModelSchema.OfColumns(columns);
    }

    /// <summary>Whether the pipeline fails to bind without the column: ML.NET reports that only by throwing.</summary>
    private static bool IsRead(ITransformer model, DataViewSchema input, int index)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in input)
            if (column.Index != index) builder.AddColumn(column.Name, column.Type, column.Annotations);
        try
        {
            model.GetOutputSchema(builder.ToSchema());
            return false;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>The prediction columns the transformed schema has, typed as Fathom returns them.</summary>
    public static ModelSchema InferOutputs(DataViewSchema output)
    {
        var columns = new List<ColumnSpec>();
        foreach (var name in PredictionColumns)
        {
            if (output.GetColumnOrNull(name) is not { } column) continue;
            if (column.Type is VectorDataViewType vector)
                columns.Add(new ColumnSpec(name, ToColumnType(vector.ItemType) ?? ColumnType.Float, IsArray: true));
            else if (column.Type is KeyDataViewType)
                columns.Add(new ColumnSpec(name, KeyValueType(column) ?? ColumnType.Long));
            else if (ToColumnType(column.Type) is { } type)
                columns.Add(new ColumnSpec(name, type));
        }
        return columns.Count == 0
            ? throw FathomException.InvalidParameter($"The ML.NET model produces none of the columns {string.Join(", ", PredictionColumns)}.")
            : ModelSchema.OfColumns(columns);
    }

    /// <summary>A key column's label type, from its KeyValues annotation (what MapKeyToValue would give).</summary>
    public static ColumnType? KeyValueType(DataViewSchema.Column column) =>
        column.Annotations.Schema.GetColumnOrNull("KeyValues") is { Type: VectorDataViewType values }
            ? ToColumnType(values.ItemType)
            : null;
}
