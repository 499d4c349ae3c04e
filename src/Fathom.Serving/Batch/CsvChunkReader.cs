using System.Globalization;
using System.Runtime.CompilerServices;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Serving.Protocol;
using Sylvan.Data.Csv;

namespace Fathom.Serving.Batch;

/// <summary>
/// Reads a CSV file in chunks of <see cref="ChunkRows"/> rows. A column's kind is fixed by the first chunk (numeric
/// when every non-empty cell is a number, text otherwise); a later cell that does not fit is an error naming the row
/// and column, since the model's inputs cannot change kind halfway through the file.
/// </summary>
internal static class CsvChunkReader
{
    public const int ChunkRows = 100_000;

    public static async IAsyncEnumerable<DataTable> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await CsvDataReader.CreateAsync(path, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 }, ct);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        bool[]? numeric = null;
        var row = 0;
        while (true)
        {
            var cells = names.Select(_ => new List<string>(ChunkRows)).ToArray();
            while (cells[0].Count < ChunkRows && await reader.ReadAsync(ct))
            {
                for (var i = 0; i < names.Length; i++) cells[i].Add(i < reader.RowFieldCount ? reader.GetString(i) : "");
            }
            if (cells[0].Count == 0) yield break;
            numeric ??= cells.Select(c => c.All(v => v.Length == 0 || IsNumber(v))).ToArray();
            var columns = new Column[names.Length];
            for (var i = 0; i < names.Length; i++) columns[i] = Build(names[i], cells[i], numeric[i], path, row);
            row += cells[0].Count;
            yield return new DataTable(columns);
        }
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static Column Build(string name, List<string> cells, bool numeric, string path, int firstRow)
    {
        var column = new ColumnAccumulator(name);
        for (var r = 0; r < cells.Count; r++)
        {
            var cell = cells[r];
            if (cell.Length == 0) column.AddMissing();
            else if (!numeric) column.TryAddText(cell);
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) column.TryAddNumber(value, cell.AsSpan().IndexOfAny(".eE") < 0);
            else throw FathomException.InvalidParameter($"{path}, row {firstRow + r + 1}, column '{name}': '{cell}' is not a number, but the column's first values were.");
        }
        return column.Build();
    }
}
