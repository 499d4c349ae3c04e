using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// The load-time guard of the direct tree scorer: it scores probe rows (missing values, zeros, negative and large
/// numbers, empty and unseen text) both ways and is used only when it agrees with ML.NET on every output, so a
/// model shape the trace misreads costs speed, never a wrong prediction.
/// </summary>
internal static class TreeScorerCheck
{
    private const int Rows = 64;
    private const double Tolerance = 1e-6;

    /// <summary>
    /// The direct scorer for the model when its trace succeeds and agrees with ML.NET on the probe rows; null otherwise.
    /// Tracing and probing read ML.NET internals and run the model on made-up rows, so any failure there (an input
    /// column of a type tables do not hold, a renamed internal) means only that ML.NET scores the model.
    /// </summary>
    public static TreeScorer? Create(ITransformer transformer, DataViewSchema inputSchema, MlNetModel model, bool leafMasks = true)
    {
        try
        {
            return Verified(TreeScorer.TryCreate(transformer, inputSchema, model.Plan, leafMasks), model);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static TreeScorer? Verified(TreeScorer? scorer, MlNetModel model)
    {
        if (scorer is null) return null;
        var sources = ProbeColumns(model.InputSchema);
        var direct = model.Plan.Allocate(Rows);
        var reference = model.Plan.Allocate(Rows);
        scorer.Score(sources, 0, Rows, direct);
        model.ScoreWithMlNet(sources, 0, Rows, reference);
        return Same(direct.Score, reference.Score) && Same(direct.Probability, reference.Probability)
            && Same([.. direct.ScoreMatrix.Select(v => (double)v)], [.. reference.ScoreMatrix.Select(v => (double)v)])
            && (direct.LabelCodes ?? []).SequenceEqual(reference.LabelCodes ?? [])
            ? scorer
            : null;
    }

    private static Column?[] ProbeColumns(Microsoft.ML.DataViewSchema schema)
    {
        var random = new Random(17);
        var columns = new Column?[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var name = schema[i].Name;
            if (schema[i].Type is NumberDataViewType)
                columns[i] = new NumericColumn(name, [.. Enumerable.Range(0, Rows).Select(r => r % 9 == 0 ? double.NaN
                    : r % 5 == 0 ? 0 : Math.Round((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(0, 5)), 3))]);
            else if (schema[i].Type is DateTimeDataViewType)
                columns[i] = new TimestampColumn(name, [.. Enumerable.Range(0, Rows).Select(r => r % 7 == 0 ? TimestampColumn.MissingTicks
                    : new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 3 * 365 * 24 * 60)).Ticks)]);
            else if (schema[i].Type is TextDataViewType)
                columns[i] = new CategoricalColumn(name, [.. Enumerable.Range(0, Rows).Select(r => r % 4 - 1)], ["", "a", "fathom-unseen-value"]);
        }
        return columns;
    }

    private static bool Same(double[]? a, double[]? b)
    {
        if (a is null || b is null) return a is null && b is null;
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) && double.IsNaN(b[i])) continue;
            if (Math.Abs(a[i] - b[i]) > Tolerance * Math.Max(1, Math.Abs(b[i]))) return false;
        }
        return true;
    }
}
