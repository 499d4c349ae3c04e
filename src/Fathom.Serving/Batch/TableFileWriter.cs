using System.Globalization;
using System.Text;
using Fathom.Core.Tables;
using Fathom.Serving.ParquetWriting;

namespace Fathom.Serving.Batch;

/// <summary>Writes chunks of one table to a Parquet file (one row group per chunk) or a CSV file (header once).</summary>
internal abstract class TableFileWriter : IAsyncDisposable
{
    public static Task<TableFileWriter> CreateAsync(string path, string format, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var stream = SynchronousFileStream.Create(path);
        return Task.FromResult<TableFileWriter>(format == ".parquet" ? new ParquetFile(stream) : new CsvFile(stream));
    }

    public abstract Task WriteAsync(DataTable chunk, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    private sealed class ParquetFile(Stream stream) : TableFileWriter
    {
        private Parquet.ParquetWriter? _writer;
        private Parquet.Schema.DataField[] _fields = [];

        public override async Task WriteAsync(DataTable chunk, CancellationToken ct)
        {
            if (_writer is null)
            {
                _fields = chunk.Columns.Select(ParquetNetColumns.FieldFor).ToArray();
                _writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(_fields), stream, cancellationToken: ct);
            }
            using var group = _writer.CreateRowGroup();
            for (var c = 0; c < _fields.Length; c++) await ParquetNetColumns.WriteColumnAsync(group, _fields[c], [chunk.Columns[c]], chunk.RowCount, ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_writer is not null) await _writer.DisposeAsync();
            await stream.DisposeAsync();
        }
    }

    private sealed class CsvFile(Stream stream) : TableFileWriter
    {
        private readonly StreamWriter _text = new(stream, new UTF8Encoding(false), 1 << 16);
        private bool _header;

        public override async Task WriteAsync(DataTable chunk, CancellationToken ct)
        {
            if (!_header)
            {
                await _text.WriteLineAsync(string.Join(",", chunk.ColumnNames.Select(Quote)));
                _header = true;
            }
            var line = new StringBuilder();
            for (var row = 0; row < chunk.RowCount; row++)
            {
                line.Clear();
                for (var c = 0; c < chunk.Columns.Count; c++)
                {
                    if (c > 0) line.Append(',');
                    var column = chunk.Columns[c];
                    if (column is NumericColumn numeric && !double.IsNaN(numeric.Values[row])) line.Append(numeric.Values[row].ToString("R", CultureInfo.InvariantCulture));
                    else if (column.Format(row) is { } text) line.Append(Quote(text));
                }
                await _text.WriteLineAsync(line, ct);
            }
        }

        public override async ValueTask DisposeAsync() => await _text.DisposeAsync();

        private static string Quote(string text) =>
            text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
