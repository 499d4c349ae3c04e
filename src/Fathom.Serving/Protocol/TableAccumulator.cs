using System.Text.Json;
using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>
/// The columns of a request in order of first appearance. Rows are added cell by cell; a column absent from a row
/// (a record without the key) gets a missing value when the row ends, as pandas fills NaN.
/// <para>
/// Column names read from JSON that are among <c>knownNames</c> (the model's inputs) take the signature's own string
/// instead of a new one: no allocation per name, and the signature enforcer's lookups then compare references.
/// </para>
/// </summary>
internal sealed class TableAccumulator(IReadOnlyList<string>? knownNames = null)
{
    private readonly List<ColumnAccumulator> _columns = new(knownNames?.Count ?? 4);
    private Dictionary<string, ColumnAccumulator>? _byName;

    /// <summary>Rows completed so far.</summary>
    public int Rows { get; private set; }

    public int ColumnCount => _columns.Count;

    public ColumnAccumulator this[int index] => _columns[index];

    /// <summary>The column named <paramref name="name"/>, created (back-filled with missing values) on first use.</summary>
    public ColumnAccumulator Column(string name)
    {
        return Find(name) ?? Add(name);
    }

    /// <summary>
    /// The column named by the property the reader is on, compared without allocating a string. Records usually list
    /// their keys in one order, so the column at <paramref name="position"/> in the row is tried first.
    /// </summary>
    public ColumnAccumulator Column(ref Utf8JsonReader reader, int position)
    {
        if (position < _columns.Count && reader.ValueTextEquals(_columns[position].Name)) return _columns[position];
        if (_byName is null)
        {
            foreach (var existing in _columns)
                if (reader.ValueTextEquals(existing.Name)) return existing;
        }
        return Column(NameAt(ref reader));
    }

    /// <summary>The name the reader is on: the model's own string when it is one of its inputs, else a new one.</summary>
    public string NameAt(ref Utf8JsonReader reader) => KnownName(ref reader, knownNames, _columns.Count) ?? reader.GetString()!;

    /// <summary>The entry of <paramref name="known"/> the reader's text equals (trying <paramref name="hint"/> first), or null.</summary>
    internal static string? KnownName(ref Utf8JsonReader reader, IReadOnlyList<string>? known, int hint)
    {
        if (known is null) return null;
        if (hint < known.Count && reader.ValueTextEquals(known[hint])) return known[hint];
        for (var i = 0; i < known.Count; i++)
            if (i != hint && reader.ValueTextEquals(known[i])) return known[i];
        return null;
    }

    /// <summary>Declares columns up front (dataframe_split's <c>columns</c>); a repeated name is an error.</summary>
    public ColumnAccumulator Declare(string name)
    {
        if (Find(name) is not null) throw ScoringErrors.Invalid($"Column '{name}' appears more than once.");
        return Add(name);
    }

    private ColumnAccumulator? Find(string name)
    {
        if (_byName is null)
        {
            // Most models have a handful of inputs: a linear scan beats hashing and allocates nothing (names taken from
            // the signature are the same strings, so most comparisons stop at the reference check).
            foreach (var existing in _columns)
                if (existing.Name == name) return existing;
            if (_columns.Count < 32) return null;
            _byName = _columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        }
        return _byName.GetValueOrDefault(name);
    }

    public void EndRow()
    {
        Rows++;
        foreach (var column in _columns)
            if (column.Count < Rows) column.AddMissing();
    }

    public DataTable Build()
    {
        var columns = new Column[_columns.Count];
        for (var i = 0; i < columns.Length; i++) columns[i] = _columns[i].Build();
        return new DataTable(columns);
    }

    private ColumnAccumulator Add(string name)
    {
        var column = new ColumnAccumulator(name);
        for (var i = 0; i < Rows; i++) column.AddMissing();
        _columns.Add(column);
        _byName?.Add(name, column);
        return column;
    }
}
