using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Serving.Scoring;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The rows of one scored request as the log keeps them: the request's id and time, the model version that answered,
/// the input columns as received and the model's output. The columns are the request's own arrays, referenced, not
/// copied: nothing writes to them after parsing. Naming the outputs for the log (<see cref="Outputs"/>) is left to
/// the log writer, so a request pays for nothing but this record and its place in the queue.
/// </summary>
internal sealed record PredictionRecord(
    string RequestId,
    DateTime TimestampUtc,
    string ModelName,
    string ModelVersion,
    DataTable Inputs,
    ModelOutput Output)
{
    public int Rows => Inputs.RowCount;

    /// <summary>The output columns as the log names them (<c>prediction</c>, <c>output_*</c>); computed on first use, by the writer.</summary>
    public IReadOnlyList<Column> Outputs => field ??= Scorer.LogColumns(Output);

    /// <summary>Records can share a file when they have the same model, day and columns (names and kinds, in order).</summary>
    public bool SharesFileWith(PredictionRecord other) =>
        ModelName == other.ModelName && TimestampUtc.Date == other.TimestampUtc.Date
        && SameColumns(Inputs.Columns, other.Inputs.Columns) && SameColumns(Outputs, other.Outputs);

    private static bool SameColumns(IReadOnlyList<Column> a, IReadOnlyList<Column> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (a[i].Kind != b[i].Kind || !string.Equals(a[i].Name, b[i].Name, StringComparison.Ordinal)) return false;
        return true;
    }
}
