using System.Net.Http.Headers;
using Microsoft.AspNetCore.StaticFiles;

namespace Fathom.Server.Artifacts;

/// <summary>
/// Streams an artifact to the client with MLflow's download headers: the content type guessed from the name, always an
/// attachment and <c>nosniff</c>, so a browser never renders an uploaded page on the server's origin.
/// </summary>
public sealed class ArtifactDownloadResult(Stream content, string path) : IResult
{
    private const int CopyBufferSize = 1 << 20;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public string Path => path;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using (content)
        {
            var response = httpContext.Response;
            var name = path[(path.LastIndexOf('/') + 1)..];
            response.ContentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
            response.ContentLength = content.Length;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.FileNameStar = name;
            disposition.FileName = Ascii(name);
            response.Headers.ContentDisposition = disposition.ToString();
            response.Headers.XContentTypeOptions = "nosniff";
            await content.CopyToAsync(response.Body, CopyBufferSize, httpContext.RequestAborted);
        }
    }

    // The plain filename parameter must be ASCII; filename* carries the real (UTF-8) name.
    private static string Ascii(string name) =>
        "\"" + string.Concat(name.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_')) + "\"";
}
