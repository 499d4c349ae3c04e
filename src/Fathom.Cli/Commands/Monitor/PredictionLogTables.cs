using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Serving.PredictionLog;
using Fathom.Tracking.Artifacts;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// Reads a model's prediction log as the server writes it (docs/serving.md): Parquet files under
/// <c>&lt;log&gt;/&lt;model&gt;/date=YYYY-MM-DD/</c> with <c>request_id</c>, <c>timestamp</c>, <c>model_name</c>,
/// <c>model_version</c>, the input columns and the outputs (<c>prediction</c>, <c>output_*</c>); the rows joined with
/// ground truth by <c>fathom models log-labels</c> under <c>&lt;model&gt;/labeled/date=.../</c> with a <c>label</c> column.
/// The log may be local or in S3 (<see cref="PredictionLogFiles"/>). Files are concatenated column by column (categories merged into one dictionary), then filtered by version and time.
/// </summary>
internal static class PredictionLogTables
{
    public static async Task<DataTable?> ReadAsync(IArtifactRepository log, string folder, DateTime? since, string? version, CancellationToken ct)
    {
        var sinceDay = since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var files = await PredictionLogFiles.ListAsync(log, folder, sinceDay, ct);
        if (files.Count == 0) return null;
        var work = Directory.CreateTempSubdirectory("fathom-monitor-log-").FullName;
        var tables = new List<DataTable>();
        try
        {
            foreach (var file in files) tables.Add(await PredictionLogFiles.ReadAsync(log, file, work, ct));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        var table = Concat(tables, $"{log.RootUri.TrimEnd('/')}/{folder}");
        var ticks = table.TryGetColumn("timestamp", out var t) && t is TimestampColumn times ? times.Ticks.ToArray() : null;
        var versions = version is not null && table.TryGetColumn("model_version", out var v) ? v : null;
        if (since is null && versions is null) return table;
        return table.Where(row =>
            (since is null || ticks is null || ticks[row] >= since.Value.Ticks) && (versions is null || versions.Format(row) == version));
    }

    /// <summary>Stacks tables with the same column names and kinds; a file whose columns differ is an error naming it.</summary>
    internal static DataTable Concat(IReadOnlyList<DataTable> tables, string where)
    {
        if (tables.Count == 1) return tables[0];
        var first = tables[0];
        foreach (var table in tables)
        {
            var names = table.ColumnNames.ToHashSet();
            var missing = first.ColumnNames.Where(n => !names.Contains(n)).ToList();
            var extra = table.ColumnNames.Where(n => !first.Contains(n)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw FathomException.InvalidParameter(
                    $"The prediction log under {where} holds files with different columns ({string.Join(", ", missing.Concat(extra).Select(n => $"'{n}'"))}): the model's input changed; use --since or --version to pick one.");
        }
        var columns = first.Columns.Select(c => Stack(c.Name, tables.Select(t => t[c.Name]).ToList(), where)).ToList();
        return new DataTable(columns);
    }

    private static Column Stack(string name, List<Column> parts, string where)
    {
        if (parts.Any(p => p.Kind != parts[0].Kind))
            throw FathomException.InvalidParameter($"Column '{name}' of the prediction log under {where} holds different kinds of values in different files.");
        var length = parts.Sum(p => p.Length);
        switch (parts[0])
        {
            case NumericColumn:
            {
                var values = new double[length];
                var offset = 0;
                foreach (NumericColumn part in parts) { part.Values.CopyTo(values.AsSpan(offset)); offset += part.Length; }
                return new NumericColumn(name, values, parts.All(p => ((NumericColumn)p).IsInteger));
            }
            case TimestampColumn:
            {
                var ticks = new long[length];
                var offset = 0;
                foreach (TimestampColumn part in parts) { part.Ticks.CopyTo(ticks.AsSpan(offset)); offset += part.Length; }
                return new TimestampColumn(name, ticks);
            }
            default:
            {
                var categories = new List<string>();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                var codes = new int[length];
                var offset = 0;
                foreach (CategoricalColumn part in parts)
                {
                    var map = part.Categories.Select(c =>
                    {
                        if (!index.TryGetValue(c, out var code)) { index.Add(c, code = categories.Count); categories.Add(c); }
                        return code;
                    }).ToArray();
                    foreach (var code in part.Codes) codes[offset++] = code < 0 ? CategoricalColumn.MissingCode : map[code];
                }
                return new CategoricalColumn(name, codes, [.. categories]);
            }
        }
    }
}
