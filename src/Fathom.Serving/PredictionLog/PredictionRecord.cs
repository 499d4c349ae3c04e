using Fathom.Core.Tables;
using Fathom.Models;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The rows of one scored request as handed to the log: the request's id and time, the model version that answered,
/// the input columns as received and the model's output. It lives only until <see cref="PredictionLogQueue.TryEnqueue"/>
/// has copied its values into a <see cref="LogSegment"/>.
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
}
