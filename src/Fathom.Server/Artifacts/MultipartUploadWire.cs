using Fathom.Server.Requests;
using Fathom.Server.Wire;

namespace Fathom.Server.Artifacts;

// Messages of MLflow's multipart upload endpoints (mlflow_artifacts.proto).

public sealed class CreateMultipartUploadRequest : IMlflowRequest
{
    public string? Path { get; set; }
    public long? NumParts { get; set; }

    public static ValueTask<CreateMultipartUploadRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.CreateMultipartUploadRequest);

    public void Validate() => RequestErrors.Required(Path, "path");
}

public sealed class CreateMultipartUploadResponse
{
    public string? UploadId { get; init; }
    public List<MultipartUploadCredentialDto>? Credentials { get; init; }
}

public sealed class MultipartUploadCredentialDto
{
    public string Url { get; init; } = "";
    public long PartNumber { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
}

public sealed class CompleteMultipartUploadRequest : IMlflowRequest
{
    public string? Path { get; set; }
    public string? UploadId { get; set; }
    public List<MultipartUploadPartDto>? Parts { get; set; }

    public static ValueTask<CompleteMultipartUploadRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.CompleteMultipartUploadRequest);

    public void Validate()
    {
        RequestErrors.Required(Path, "path");
        if (Parts is null)
        {
            throw RequestErrors.Missing("parts");
        }
    }
}

public sealed class MultipartUploadPartDto
{
    public long? PartNumber { get; set; }
    public string? Etag { get; set; }
    public string? Url { get; set; }
}

public sealed class AbortMultipartUploadRequest : IMlflowRequest
{
    public string? Path { get; set; }
    public string? UploadId { get; set; }

    public static ValueTask<AbortMultipartUploadRequest?> BindAsync(HttpContext context) =>
        MlflowRequestReader.ReadAsync(context, MlflowJsonContext.Wire.AbortMultipartUploadRequest);

    public void Validate() => RequestErrors.Required(Path, "path");
}
