using System.Net;
using System.Text;
using System.Text.Json;
using Fathom.Server.Apis;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Artifacts;

/// <summary>The local folder cannot take parts: MLflow answers 501 NOT_IMPLEMENTED with the message its client falls back on.</summary>
public sealed class LocalMultipartUploadTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("create", """{"path": "model.bin", "num_parts": 2}""")]
    [InlineData("complete", """{"path": "model.bin", "upload_id": "u", "parts": [{"part_number": 1, "etag": "e"}]}""")]
    [InlineData("abort", """{"path": "model.bin", "upload_id": "u"}""")]
    public async Task Multipart_uploads_to_the_local_folder_are_not_implemented_as_in_MLflow(string action, string body)
    {
        var response = await MultipartPostAsync(server.Http, $"{action}/1/run/artifacts", body);

        Assert.Equal((HttpStatusCode.NotImplemented, "NOT_IMPLEMENTED"), (response.Status, response.ErrorCode));
        Assert.Equal(MultipartUploadApi.UnsupportedMessage, response.Message);
    }

    [Fact]
    public async Task A_multipart_request_without_a_path_or_with_a_traversing_one_is_a_bad_request()
    {
        var missing = await MultipartPostAsync(server.Http, "create/run", """{"num_parts": 1}""");
        // Raw, because HttpClient would fold the dot segments before sending.
        var traversal = await RawHttp.SendAsync(server.App.ListeningUri(), "POST", "/api/2.0/mlflow-artifacts/mpu/create/a/%2e%2e/%2e%2e/b",
            Encoding.UTF8.GetBytes("""{"path": "x", "num_parts": 1}"""));

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (missing.Status, missing.ErrorCode));
        Assert.Contains("'path'", missing.Message);
        Assert.Equal(400, traversal.Status);
        Assert.StartsWith("Invalid path", JsonDocument.Parse(traversal.Body).RootElement.GetProperty("message").GetString());
    }

    internal static async Task<ApiResponse> MultipartPostAsync(HttpClient http, string actionAndPath, string json)
    {
        using var response = await http.PostAsync($"/api/2.0/mlflow-artifacts/mpu/{actionAndPath}", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), body);
    }
}

/// <summary>On S3 the client PUTs each part to a pre-signed URL and the server completes or aborts the upload.</summary>
public sealed class S3MultipartUploadTests(S3ArtifactsServerFixture server) : IClassFixture<S3ArtifactsServerFixture>
{
    private const int FirstPartLength = 5 << 20;
    private const int LastPartLength = 1000;

    [Fact]
    public async Task Parts_put_to_the_signed_urls_and_completed_become_one_downloadable_artifact()
    {
        var created = await MultipartAsync("create/7/run/artifacts/models", """{"path": "/tmp/local/model.bin", "num_parts": 2}""");
        var uploadId = created.GetProperty("upload_id").GetString()!;
        var credentials = created.GetProperty("credentials").EnumerateArray().ToList();
        Assert.Equal([1, 2], credentials.Select(c => c.GetProperty("part_number").GetInt32()));

        var etags = new List<string>();
        using var raw = new HttpClient();
        var content = new byte[FirstPartLength + LastPartLength];
        new Random(5).NextBytes(content);
        foreach (var (credential, part) in credentials.Zip(new[] { content[..FirstPartLength], content[FirstPartLength..] }))
        {
            using var put = await raw.PutAsync(credential.GetProperty("url").GetString(), new ByteArrayContent(part));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            etags.Add(put.Headers.ETag!.Tag);
        }

        await MultipartAsync("complete/7/run/artifacts/models", Json(new
        {
            path = "model.bin",
            upload_id = uploadId,
            parts = etags.Select((etag, i) => new { part_number = i + 1, etag }),
        }));

        using var download = await server.Http.GetAsync("/api/2.0/mlflow-artifacts/artifacts/7/run/artifacts/models/model.bin");
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    private async Task<JsonElement> MultipartAsync(string actionAndPath, string json)
    {
        var response = await LocalMultipartUploadTests.MultipartPostAsync(server.Http, actionAndPath, json);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body);
        return response.Json;
    }
}
