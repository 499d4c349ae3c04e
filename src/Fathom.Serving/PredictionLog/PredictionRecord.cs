using Fathom.Core.Tables;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The rows of one scored request as the log keeps them: the request's id and time, the model version that answered,
/// the input columns as received and the output columns (already named for the log: <c>prediction</c>, ...).
/// </summary>
internal sealed record PredictionRecord(
    string RequestId,
    DateTime TimestampUtc,
    string ModelName,
    string ModelVersion,
    DataTable Inputs,
    IReadOnlyList<Column> Outputs)
{
    public int Rows => Inputs.RowCount;

    /// <summary>Records with the same key can share a file: same model, day and columns.</summary>
    public string FileKey()
    {
        var columns = string.Join(",", Inputs.Columns.Concat(Outputs).Select(c => $"{c.Name}:{c.Kind}"));
        return $"{ModelName}|{TimestampUtc:yyyy-MM-dd}|{columns}";
    }
}
