using Fathom.Core.Tables;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Logged rows of one <see cref="LogLayout"/> and one day, copied value by value into flat per-column arrays as
/// requests are scored. Nothing of a request outlives it: its tables and outputs die young, and the log holds a few
/// large arrays that are reused once written, instead of thousands of small objects per second that the garbage
/// collector would have to copy from generation to generation (what made logging expensive).
/// </summary>
internal sealed class LogSegment
{
    private readonly object[] _values;

    public LogSegment(LogLayout layout, DateTime day, int capacity)
    {
        Layout = layout;
        Day = day;
        Capacity = capacity;
        RequestIds = new string[capacity];
        Timestamps = new DateTime[capacity];
        Versions = new string[capacity];
        _values = layout.Fields.Select(f => (object)(f.Kind switch
        {
            ColumnKind.Numeric => new double[capacity],
            ColumnKind.Timestamp => new long[capacity],
            _ => new string?[capacity],
        })).ToArray();
    }

    public LogLayout Layout { get; }

    /// <summary>The UTC day of every row (files are per day).</summary>
    public DateTime Day { get; private set; }

    public int Capacity { get; }

    public int Count { get; private set; }

    public string[] RequestIds { get; }

    public DateTime[] Timestamps { get; }

    public string[] Versions { get; }

    /// <summary>Column <paramref name="field"/>'s values (inputs, then outputs): <c>double[]</c> (NaN missing), <c>long[]</c> ticks or <c>string?[]</c>.</summary>
    public object Values(int field) => _values[field];

    public bool Fits(PredictionRecord record) =>
        Count + record.Rows <= Capacity && record.TimestampUtc.Date == Day && Layout.Fits(record);

    /// <summary>Copies the record's rows in; the caller checked <see cref="Fits"/>.</summary>
    public void Append(PredictionRecord record)
    {
        var rows = record.Rows;
        Array.Fill(RequestIds, record.RequestId, Count, rows);
        Array.Fill(Timestamps, record.TimestampUtc, Count, rows);
        Array.Fill(Versions, record.ModelVersion, Count, rows);
        var field = 0;
        foreach (var column in record.Inputs.Columns) Copy(column, _values[field++]);
        var output = record.Output;
        Copy(output.Prediction, _values[field++]);
        for (var i = 0; i < output.Columns.Count; i++)
            if (i != Layout.PredictionIndex) Copy(output.Columns[i], _values[field++]);
        if (output.Scores is { } scores)
        {
            var all = scores.Values;
            for (var c = 0; c < scores.ClassCount; c++)
            {
                var target = (double[])_values[field++];
                for (var r = 0; r < rows; r++) target[Count + r] = all[r * scores.ClassCount + c];
            }
        }
        Count += rows;
    }

    /// <summary>Empties the segment for reuse on <paramref name="day"/>, dropping its references to request strings.</summary>
    public void Reset(DateTime day)
    {
        Array.Clear(RequestIds, 0, Count);
        Array.Clear(Versions, 0, Count);
        foreach (var values in _values)
            if (values is string?[] texts) Array.Clear(texts, 0, Count);
        Count = 0;
        Day = day;
    }

    private void Copy(Column column, object target)
    {
        switch (column)
        {
            case NumericColumn numeric:
                numeric.Values.CopyTo(((double[])target).AsSpan(Count));
                break;
            case TimestampColumn timestamps:
                timestamps.Ticks.CopyTo(((long[])target).AsSpan(Count));
                break;
            case CategoricalColumn text:
                var texts = (string?[])target;
                var codes = text.Codes;
                for (var r = 0; r < codes.Length; r++) texts[Count + r] = codes[r] < 0 ? null : text.Categories[codes[r]];
                break;
            default:
                var cells = (string?[])target;
                for (var r = 0; r < column.Length; r++) cells[Count + r] = column.Format(r);
                break;
        }
    }
}
