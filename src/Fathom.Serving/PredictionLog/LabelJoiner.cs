using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Serving.Batch;
using Fathom.Tracking.Artifacts;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Joins ground truth that arrives later onto a model's prediction log (a local folder or <c>s3://bucket/prefix</c>,
/// wherever the server logs): every logged row whose request id (or id column) has a label is written, with a
/// <c>label</c> column, to <c>&lt;model&gt;/labeled/date=YYYY-MM-DD/labeled-*.parquet</c> in the same log, the current
/// dataset for performance monitoring. Multi-row requests share one request id: join those on an id column of the
/// inputs instead. Log files are read one at a time, so memory holds one file's rows.
/// </summary>
public static class LabelJoiner
{
    public sealed record Result(int Labels, long Joined, int UnmatchedLabels, string? Output);

    public static async Task<Result> JoinAsync(string predictionLog, string model, string labelsPath, string idColumn, string labelColumn,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        using var log = ArtifactRepositoryFactory.Create(predictionLog);
        return await JoinAsync(log, model, labelsPath, idColumn, labelColumn, time, ct);
    }

    public static async Task<Result> JoinAsync(IArtifactRepository predictionLog, string model, string labelsPath, string idColumn, string labelColumn,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        var labels = await TableReader.ReadAsync(labelsPath, ct);
        if (!labels.TryGetColumn(idColumn, out var ids)) throw FathomException.InvalidParameter($"{labelsPath} has no id column '{idColumn}'.");
        if (!labels.TryGetColumn(labelColumn, out var values)) throw FathomException.InvalidParameter($"{labelsPath} has no label column '{labelColumn}'.");
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < labels.RowCount; r++)
            if (ids.Format(r) is { } id) byId[id] = r;

        var files = await PredictionLogFiles.ListAsync(predictionLog, model, sinceDay: null, ct);
        if (files.Count == 0) throw FathomException.NotFound($"There is no prediction log for model '{model}' under {predictionLog.RootUri}.");
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var output = $"{model}/labeled/date={now:yyyy-MM-dd}/labeled-{now:HHmmss}-{Guid.NewGuid():N}.parquet";
        var work = Directory.CreateTempSubdirectory("fathom-labels-").FullName;
        var matched = new HashSet<string>(StringComparer.Ordinal);
        long joined = 0;
        try
        {
            var joinedFile = Path.Combine(work, "labeled.parquet");
            TableFileWriter? writer = null;
            try
            {
                foreach (var file in files)
                {
                    var log = await PredictionLogFiles.ReadAsync(predictionLog, file, work, ct);
                    if (!log.TryGetColumn(idColumn, out var logIds)) continue;
                    var rows = new List<int>();
                    var labelRows = new List<int>();
                    for (var r = 0; r < log.RowCount; r++)
                    {
                        if (logIds.Format(r) is not { } id || !byId.TryGetValue(id, out var labelRow)) continue;
                        rows.Add(r);
                        labelRows.Add(labelRow);
                        matched.Add(id);
                    }
                    if (rows.Count == 0) continue;
                    var chunk = log.Take(rows.ToArray());
                    var label = values.Take(labelRows.ToArray()).Rename("label");
                    writer ??= await TableFileWriter.CreateAsync(joinedFile, ".parquet", ct);
                    await writer.WriteAsync(new DataTable(chunk.Columns.Where(c => c.Name != "label").Append(label)), ct);
                    joined += rows.Count;
                }
            }
            finally
            {
                if (writer is not null) await writer.DisposeAsync();
            }

            if (joined == 0) return new Result(byId.Count, 0, byId.Count - matched.Count, null);
            await using (var content = File.OpenRead(joinedFile))
                await predictionLog.WriteAsync(output, content, ct);
            return new Result(byId.Count, joined, byId.Count - matched.Count, Located(predictionLog, output));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Located(IArtifactRepository log, string path) =>
        log.RootUri.StartsWith("s3://", StringComparison.Ordinal) ? $"{log.RootUri.TrimEnd('/')}/{path}" : Path.Combine(log.RootUri, path);
}
