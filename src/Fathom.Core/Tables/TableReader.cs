using Fathom.Core.Errors;
using Fathom.Core.Tables.Readers;

namespace Fathom.Core.Tables;

/// <summary>Reads a table from a file, choosing the format by extension: .csv, .parquet, .json/.jsonl/.ndjson.</summary>
public static class TableReader
{
    public static async Task<DataTable> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw FathomException.NotFound($"File '{path}' does not exist.");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var table = extension switch
        {
            ".csv" => await Task.Run(() => CsvTableReader.Read(path), cancellationToken),
            ".parquet" or ".pq" => await ParquetTableReader.ReadAsync(path, cancellationToken),
            ".json" or ".jsonl" or ".ndjson" => await Task.Run(() => JsonTableReader.Read(path), cancellationToken),
            _ => throw FathomException.InvalidParameter(
                $"'{path}': unknown table format '{extension}'; use .csv, .parquet, .json (array) or .jsonl (JSON lines)."),
        };
        return table;
    }

    public static DataTable Read(string path) => ReadAsync(path).GetAwaiter().GetResult();
}
