namespace Fathom.Models;

/// <summary>
/// The predictions for one input table, column by column. <see cref="Columns"/> holds every scalar output
/// (numeric outputs as <see cref="NumericColumn"/>, text and boolean labels as <see cref="CategoricalColumn"/> whose
/// categories are the labels, "false"/"true" for booleans); <see cref="Prediction"/> is the one a caller shows as
/// "the prediction". Per-class scores, when the model has them, are one row-major matrix in <see cref="Scores"/>.
/// </summary>
public sealed class ModelOutput
{
    /// <summary>Builds an output; every column must have <paramref name="rowCount"/> rows.</summary>
    /// <param name="rowCount">Rows scored.</param>
    /// <param name="columns">The scalar outputs; the first is the prediction unless <paramref name="predictionColumn"/> says otherwise.</param>
    /// <param name="scores">Per-class scores, if any.</param>
    /// <param name="predictionColumn">The name of the main output.</param>
    public ModelOutput(int rowCount, IReadOnlyList<Column> columns, ScoreMatrix? scores = null, string? predictionColumn = null)
    {
        if (columns.Count == 0) throw new ArgumentException("A model output needs at least one column.", nameof(columns));
        RowCount = rowCount;
        Columns = columns;
        Scores = scores;
        Prediction = predictionColumn is null ? columns[0] : columns.First(c => c.Name == predictionColumn);
    }

    /// <summary>Rows scored.</summary>
    public int RowCount { get; }

    /// <summary>Every scalar output, named as in the output signature.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The main prediction: the label for classifiers, the value for regressors.</summary>
    public Column Prediction { get; }

    /// <summary>Per-class scores or probabilities, when the model produces them.</summary>
    public ScoreMatrix? Scores { get; }

    /// <summary>The scalar outputs as a table, plus one numeric column per class when there are <see cref="Scores"/>.</summary>
    /// <returns>A table with <see cref="RowCount"/> rows.</returns>
    public DataTable ToTable()
    {
        if (Scores is null) return new DataTable(Columns);
        var perClass = Enumerable.Range(0, Scores.ClassCount).Select(c => (Column)new NumericColumn(
            $"{Scores.Name}_{Scores.Classes[c]}", Scores.ColumnOf(c)));
        return new DataTable(Columns.Concat(perClass));
    }
}

/// <summary>
/// Per-class values for every row, row-major in one array: row r's values are <c>Values[r*ClassCount ..]</c>.
/// </summary>
public sealed class ScoreMatrix
{
    private readonly float[] _values;

    /// <summary>Wraps a row-major matrix.</summary>
    /// <param name="name">The output name, e.g. <c>Score</c> or <c>probabilities</c>.</param>
    /// <param name="classes">The class labels, in column order.</param>
    /// <param name="values">RowCount x classes.Count values.</param>
    /// <param name="isProbability">Whether the values are probabilities (sum to 1 per row).</param>
    public ScoreMatrix(string name, IReadOnlyList<string> classes, float[] values, bool isProbability)
    {
        if (classes.Count == 0 || values.Length % classes.Count != 0)
            throw new ArgumentException("The values must hold a whole number of rows of one value per class.", nameof(values));
        Name = name;
        Classes = classes;
        _values = values;
        IsProbability = isProbability;
    }

    /// <summary>The output name.</summary>
    public string Name { get; }

    /// <summary>The class labels, in column order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => Classes.Count;

    /// <summary>Number of rows.</summary>
    public int RowCount => _values.Length / Classes.Count;

    /// <summary>Whether the values are probabilities.</summary>
    public bool IsProbability { get; }

    /// <summary>All values, row-major.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>One row's per-class values.</summary>
    /// <param name="row">The row.</param>
    /// <returns>ClassCount values.</returns>
    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * ClassCount, ClassCount);

    /// <summary>One class's values for every row, widened to double.</summary>
    /// <param name="classIndex">The class's column.</param>
    /// <returns>RowCount values.</returns>
    public double[] ColumnOf(int classIndex)
    {
        var column = new double[RowCount];
        for (var r = 0; r < column.Length; r++) column[r] = _values[r * ClassCount + classIndex];
        return column;
    }
}
