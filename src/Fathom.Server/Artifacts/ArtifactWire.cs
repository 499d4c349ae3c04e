using Fathom.Server.Requests;
using Fathom.Server.Wire;
using Fathom.Tracking.Artifacts;

namespace Fathom.Server.Artifacts;

/// <summary>MLflow's <c>FileInfo</c>: <c>file_size</c> is absent for directories.</summary>
public sealed class FileInfoDto
{
    public string Path { get; set; } = "";
    public bool IsDir { get; set; }
    public long? FileSize { get; set; }
}

/// <summary><c>ListArtifacts.Response</c>: both fields absent when unset or empty, as protobuf's JSON printer does.</summary>
public sealed class ListArtifactsResponse
{
    public string? RootUri { get; set; }
    public List<FileInfoDto>? Files { get; set; }
}

public sealed class ListRunArtifactsRequest : IMlflowRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }
    public string? Path { get; set; }
    public string? PageToken { get; set; }

    public static ValueTask<ListRunArtifactsRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.ListRunArtifactsRequest);

    public void Validate() => RunId = WireValidation.RequireRunId(RunId, RunUuid);
}

internal static class ArtifactWire
{
    /// <summary>Each entry renamed to <paramref name="parent"/>/its base name, or null when there are none.</summary>
    public static List<FileInfoDto>? Files(IReadOnlyList<ArtifactFileInfo> files, string parent) =>
        files.Count == 0
            ? null
            : files.Select(f => new FileInfoDto
            {
                Path = ArtifactPath.Join(parent, f.Path[(f.Path.LastIndexOf('/') + 1)..]),
                IsDir = f.IsDir,
                FileSize = f.FileSize,
            }).ToList();
}
