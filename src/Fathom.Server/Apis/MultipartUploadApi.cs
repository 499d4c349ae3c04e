using Fathom.Core.Errors;
using Fathom.Server.Artifacts;
using Fathom.Server.Wire;
using Fathom.Tracking.Artifacts;

namespace Fathom.Server.Apis;

/// <summary>
/// MLflow's multipart upload endpoints (<c>{prefix}/mlflow-artifacts/mpu/{create,complete,abort}/&lt;artifact_path&gt;</c>).
/// The file lands at <c>&lt;artifact_path&gt;/&lt;base name of path&gt;</c>, as in MLflow. Repositories that cannot take
/// parts (the local folder) answer 501 NOT_IMPLEMENTED with MLflow's exact message, on which MLflow's client falls
/// back to a proxied upload.
/// </summary>
public static class MultipartUploadApi
{
    public const string UnsupportedMessage = "Multipart upload is not supported for the current artifact repository";

    public static IEndpointRouteBuilder MapMultipartUploadApi(this IEndpointRouteBuilder api)
    {
        var mpu = api.MapGroup(ArtifactRequestPath.MultipartRoute).WithTags("Artifacts");
        mpu.MapPost("/create/{**path}", CreateMultipartUpload);
        mpu.MapPost("/complete/{**path}", CompleteMultipartUpload);
        mpu.MapPost("/abort/{**path}", AbortMultipartUpload);
        return api;
    }

    public static async Task<CreateMultipartUploadResponse> CreateMultipartUpload(
        string? path, CreateMultipartUploadRequest request, HttpContext context, IArtifactRepository artifacts, CancellationToken ct)
    {
        var target = FilePath(context, path, request.Path!);
        var numParts = request.NumParts ?? 0;
        var upload = await Multipart(artifacts).CreateMultipartUploadAsync(target, (int)Math.Clamp(numParts, int.MinValue, int.MaxValue), ct);
        return new CreateMultipartUploadResponse
        {
            UploadId = upload.UploadId,
            Credentials = [.. upload.Credentials.Select(c => new MultipartUploadCredentialDto
            {
                Url = c.Url,
                PartNumber = c.PartNumber,
                Headers = c.Headers.Count == 0 ? null : new Dictionary<string, string>(c.Headers),
            })],
        };
    }

    public static async Task<EmptyResponse> CompleteMultipartUpload(
        string? path, CompleteMultipartUploadRequest request, HttpContext context, IArtifactRepository artifacts, CancellationToken ct)
    {
        var target = FilePath(context, path, request.Path!);
        var parts = request.Parts!.Select(p => new MultipartUploadPart((int)(p.PartNumber ?? 0), p.Etag ?? "")).ToList();
        await Multipart(artifacts).CompleteMultipartUploadAsync(target, request.UploadId ?? "", parts, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> AbortMultipartUpload(
        string? path, AbortMultipartUploadRequest request, HttpContext context, IArtifactRepository artifacts, CancellationToken ct)
    {
        var target = FilePath(context, path, request.Path!);
        await Multipart(artifacts).AbortMultipartUploadAsync(target, request.UploadId ?? "", ct);
        return EmptyResponse.Instance;
    }

    /// <summary>MLflow joins the URL's artifact path and the base name of the request's <c>path</c>.</summary>
    private static string FilePath(HttpContext context, string? routeValue, string path)
    {
        var folder = ArtifactRequestPath.Of(context, routeValue);
        var name = path.Replace('\\', '/');
        return ArtifactPath.NormalizeNonRoot(ArtifactPath.Join(folder, name[(name.LastIndexOf('/') + 1)..]));
    }

    private static IMultipartArtifactRepository Multipart(IArtifactRepository artifacts) =>
        artifacts as IMultipartArtifactRepository ?? throw new FathomException(ErrorCode.NOT_IMPLEMENTED, UnsupportedMessage);
}
