using Fathom.Core.Tables;
using Fathom.Models;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The columns of a prediction log file after its four fixed ones: the request's input columns as received, then the
/// model's outputs as the log names them (<c>prediction</c>, <c>output_*</c>, one <c>output_&lt;scores&gt;_&lt;class&gt;</c>
/// per class, as <see cref="Scoring.Scorer.LogColumns"/>). Records whose layout matches share segments and files; a
/// request's names are usually the signature's own strings, so matching mostly compares references.
/// </summary>
internal sealed class LogLayout
{
    private LogLayout(string modelName, LogField[] inputs, LogField[] outputs, int predictionIndex, ScoreMatrix? scores)
    {
        ModelName = modelName;
        Inputs = inputs;
        Outputs = outputs;
        PredictionIndex = predictionIndex;
        ScoreClasses = scores?.Classes;
        ScoreName = scores?.Name;
    }

    public string ModelName { get; }

    public LogField[] Inputs { get; }

    public LogField[] Outputs { get; }

    /// <summary>Which of the model output's columns is the prediction (logged first, as <c>prediction</c>).</summary>
    public int PredictionIndex { get; }

    public IReadOnlyList<string>? ScoreClasses { get; }

    public string? ScoreName { get; }

    public IEnumerable<LogField> Fields => Inputs.Concat(Outputs);

    public static LogLayout Of(PredictionRecord record)
    {
        var inputs = record.Inputs.Columns.Select(c => new LogField(c.Name, c.Kind)).ToArray();
        var output = record.Output;
        var prediction = IndexOf(output.Columns, output.Prediction);
        var outputs = new List<LogField> { new("prediction", output.Prediction.Kind) };
        for (var i = 0; i < output.Columns.Count; i++)
            if (i != prediction) outputs.Add(new LogField("output_" + output.Columns[i].Name, output.Columns[i].Kind));
        if (output.Scores is { } scores)
        {
            for (var c = 0; c < scores.ClassCount; c++) outputs.Add(new LogField($"output_{scores.Name}_{scores.Classes[c]}", ColumnKind.Numeric));
        }
        return new LogLayout(record.ModelName, inputs, [.. outputs], prediction, output.Scores);
    }

    /// <summary>Whether <paramref name="record"/> has exactly these columns (names and kinds, in order).</summary>
    public bool Fits(PredictionRecord record)
    {
        if (!string.Equals(ModelName, record.ModelName, StringComparison.Ordinal)) return false;
        var inputs = record.Inputs.Columns;
        if (inputs.Count != Inputs.Length) return false;
        for (var i = 0; i < inputs.Count; i++)
            if (!Inputs[i].Is(inputs[i])) return false;
        var output = record.Output;
        var scoreCount = output.Scores?.ClassCount ?? 0;
        if (output.Columns.Count + scoreCount != Outputs.Length || PredictionIndex >= output.Columns.Count
            || !ReferenceEquals(output.Columns[PredictionIndex], output.Prediction)) return false;
        if (output.Prediction.Kind != Outputs[0].Kind) return false;
        var field = 1;
        for (var i = 0; i < output.Columns.Count; i++)
        {
            if (i == PredictionIndex) continue;
            var column = output.Columns[i];
            var expected = Outputs[field++];
            if (column.Kind != expected.Kind || !expected.Name.AsSpan(7).SequenceEqual(column.Name)) return false;
        }
        if (output.Scores is null) return ScoreClasses is null;
        return ScoreClasses is not null && string.Equals(ScoreName, output.Scores.Name, StringComparison.Ordinal)
            && (ReferenceEquals(ScoreClasses, output.Scores.Classes) || ScoreClasses.SequenceEqual(output.Scores.Classes));
    }

    /// <summary>Whether rows of both layouts can share a file.</summary>
    public bool SameAs(LogLayout other) =>
        ReferenceEquals(this, other)
        || (string.Equals(ModelName, other.ModelName, StringComparison.Ordinal) && Inputs.AsSpan().SequenceEqual(other.Inputs)
            && Outputs.AsSpan().SequenceEqual(other.Outputs));

    private static int IndexOf(IReadOnlyList<Column> columns, Column column)
    {
        for (var i = 0; i < columns.Count; i++)
            if (ReferenceEquals(columns[i], column)) return i;
        return 0;
    }
}

/// <summary>One logged column's name and kind.</summary>
internal readonly record struct LogField(string Name, ColumnKind Kind)
{
    public bool Is(Column column) => column.Kind == Kind && string.Equals(column.Name, Name, StringComparison.Ordinal);
}
