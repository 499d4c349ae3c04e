using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Serving.Models;
using Fathom.Serving.Observability;
using Fathom.Serving.PredictionLog;

namespace Fathom.Serving.Scoring;

/// <summary>
/// The one path from a parsed table to predictions, shared by MLflow's and the v2 protocol's endpoints: calls the
/// model, counts rows, and hands the request to the prediction log (sampled; never waits).
/// </summary>
internal sealed partial class Scorer(ServingMetrics metrics, PredictionLogQueue? log, TimeProvider time, ILogger<Scorer> logger)
{
    public ModelOutput Score(ServedModel served, DataTable input, string requestId)
    {
        ModelOutput output;
        try
        {
            output = served.Model.Predict(input);
        }
        catch (FathomException)
        {
            throw;
        }
        catch (Exception e)
        {
            LogModelFailure(logger, e, served.Name, served.Version);
            // MLflow's wording: the details stay in the server log.
            throw FathomException.BadRequest(
                "Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is compatible with the model for inference.");
        }
        metrics.BatchRows.Observe(input.RowCount);
        metrics.RowsScored.Inc(input.RowCount);
        if (log is not null && input.RowCount > 0 && log.ShouldLog())
        {
            log.TryEnqueue(new PredictionRecord(requestId, time.GetUtcNow().UtcDateTime, served.Name, served.Version, input, output));
        }
        return output;
    }

    /// <summary>Output columns as the log names them: <c>prediction</c> for the main one, <c>output_*</c> for the rest.</summary>
    internal static IReadOnlyList<Column> LogColumns(ModelOutput output)
    {
        var columns = new List<Column>(output.Columns.Count + (output.Scores?.ClassCount ?? 0)) { output.Prediction.Rename("prediction") };
        foreach (var column in output.Columns)
            if (!ReferenceEquals(column, output.Prediction)) columns.Add(column.Rename("output_" + column.Name));
        if (output.Scores is { } scores)
        {
            for (var c = 0; c < scores.ClassCount; c++)
                columns.Add(new NumericColumn($"output_{scores.Name}_{scores.Classes[c]}", scores.ColumnOf(c)));
        }
        return columns;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Name} version {Version} failed while predicting")]
    private static partial void LogModelFailure(ILogger logger, Exception exception, string name, string version);
}
