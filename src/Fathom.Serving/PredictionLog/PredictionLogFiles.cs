using Fathom.Core.Tables;
using Fathom.Tracking.Artifacts;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// The files of a prediction log wherever the server writes it (a local folder or <c>s3://bucket/prefix</c>, through
/// the artifact repository): <c>&lt;folder&gt;/date=YYYY-MM-DD/*.parquet</c>, as <see cref="PredictionLogWriter"/> lays
/// them out, and read one at a time.
/// </summary>
public static class PredictionLogFiles
{
    /// <summary>The Parquet files under <paramref name="folder"/>'s <c>date=*</c> days (from <paramref name="sinceDay"/>,
    /// <c>yyyy-MM-dd</c>, on when given), in path order; none when the folder does not exist.</summary>
    public static async Task<List<string>> ListAsync(IArtifactRepository log, string folder, string? sinceDay, CancellationToken ct)
    {
        var files = new List<string>();
        foreach (var day in await log.ListAsync(folder, ct))
        {
            var name = day.Path[(day.Path.LastIndexOf('/') + 1)..];
            if (!day.IsDir || !name.StartsWith("date=", StringComparison.Ordinal)) continue;
            if (sinceDay is not null && string.CompareOrdinal(name["date=".Length..], sinceDay) < 0) continue;
            files.AddRange((await log.ListAsync(day.Path, ct)).Where(f => !f.IsDir && f.Path.EndsWith(".parquet", StringComparison.Ordinal)).Select(f => f.Path));
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Reads one file through a local copy in <paramref name="workFolder"/> (the Parquet reader opens a file
    /// handle per column, so it needs a path), deleted once read.</summary>
    public static async Task<DataTable> ReadAsync(IArtifactRepository log, string file, string workFolder, CancellationToken ct)
    {
        var copy = Path.Combine(workFolder, $"log-{Guid.NewGuid():N}.parquet");
        try
        {
            await using (var source = await log.OpenReadAsync(file, ct))
            await using (var target = File.Create(copy))
                await source.CopyToAsync(target, ct);
            return await TableReader.ReadAsync(copy, ct);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
