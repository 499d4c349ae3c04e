using Fathom.Core.Tables;
using Microsoft.ML;

namespace Fathom.Training.Data;

/// <summary>One file's table, with its label and feature columns ready to be viewed by ML.NET.</summary>
internal sealed class TrainingData
{
    public const string LabelColumn = "Label";

    public required string Path { get; init; }

    public required DataTable Table { get; init; }

    public required FeatureSet Features { get; init; }

    public required IReadOnlyList<ViewColumn> FeatureColumns { get; init; }

    public required ViewColumn Label { get; init; }

    /// <summary>The rows whose label is known, in file order; rows with a missing label are not used.</summary>
    public required int[] LabeledRows { get; init; }

    public int MissingLabelRows => Table.RowCount - LabeledRows.Length;

    /// <summary>A view of the given table rows with features and the label.</summary>
    public IDataView View(int[] rows) => new ColumnarDataView([.. FeatureColumns, Label], rows);
}
