using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Artifacts;

public abstract class ArtifactsApiTests(ServerFixture server)
{
    private const string Service = "/api/2.0/mlflow-artifacts/artifacts";
    private readonly HttpClient _http = server.Http;

    [Fact]
    public async Task Upload_then_download_returns_the_same_bytes_with_MLflows_download_headers()
    {
        var folder = Unique("round-trip");
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);

        using var upload = await _http.PutAsync($"{Service}/{folder}/model.json", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal("{}", await upload.Content.ReadAsStringAsync());

        using var download = await _http.GetAsync($"{Service}/{folder}/model.json");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, download.Content.Headers.ContentLength);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("model.json", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_download_with_an_unknown_extension_is_an_octet_stream_and_keeps_a_unicode_name()
    {
        var folder = Unique("names");
        await PutTextAsync($"{folder}/données.weird", "x");

        using var download = await _http.GetAsync($"{Service}/{folder}/donn%C3%A9es.weird");
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("données.weird", download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Listing_a_folder_returns_base_names_sizes_and_subfolders_in_MLflows_shape()
    {
        var folder = Unique("list");
        await PutTextAsync($"{folder}/a.txt", "abc");
        await PutTextAsync($"{folder}/sub/b.txt", "b");

        var body = await GetStringAsync($"{Service}?path={folder}");

        Assert.Equal("""{"files":[{"path":"a.txt","is_dir":false,"file_size":3},{"path":"sub","is_dir":true}]}""", body);
        Assert.Equal("""{"files":[{"path":"b.txt","is_dir":false,"file_size":1}]}""", await GetStringAsync($"{Service}?path={folder}/sub"));
    }

    [Fact]
    public async Task Listing_a_missing_folder_returns_an_empty_object()
    {
        Assert.Equal("{}", await GetStringAsync($"{Service}?path={Unique("nothing")}"));
    }

    [Fact]
    public async Task Delete_removes_a_file_and_then_a_whole_folder()
    {
        var folder = Unique("delete");
        await PutTextAsync($"{folder}/keep/a.txt", "a");
        await PutTextAsync($"{folder}/drop.txt", "d");

        using (var deleted = await _http.DeleteAsync($"{Service}/{folder}/drop.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.Equal("{}", await deleted.Content.ReadAsStringAsync());
        }
        Assert.Equal("""{"files":[{"path":"keep","is_dir":true}]}""", await GetStringAsync($"{Service}?path={folder}"));

        using (var deleted = await _http.DeleteAsync($"{Service}/{folder}"))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("{}", await GetStringAsync($"{Service}?path={folder}"));
    }

    [Fact]
    public async Task Downloading_a_missing_artifact_is_404_RESOURCE_DOES_NOT_EXIST()
    {
        var response = await server.Api.GetAsync($"{Service}/{Unique("missing")}/model.pkl");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", response.ErrorCode);
    }

    [Fact]
    public async Task The_same_service_answers_under_the_ajax_api_prefix()
    {
        var folder = Unique("ajax");
        using var upload = await _http.PutAsync($"/ajax-api/2.0/mlflow-artifacts/artifacts/{folder}/f.txt", new StringContent("hi"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        Assert.Equal("hi", await GetStringAsync($"{Service}/{folder}/f.txt"));
        Assert.Equal("""{"files":[{"path":"f.txt","is_dir":false,"file_size":2}]}""",
            await GetStringAsync($"/ajax-api/2.0/mlflow-artifacts/artifacts?path={folder}"));
    }

    [Fact]
    public async Task A_run_listing_resolves_the_runs_artifact_uri_and_returns_run_relative_paths()
    {
        var experimentId = await server.Api.CreateExperimentAsync();
        var runId = await server.Api.CreateRunAsync(experimentId);
        await PutTextAsync($"{experimentId}/{runId}/artifacts/metrics.csv", "step,acc");
        await PutTextAsync($"{experimentId}/{runId}/artifacts/model/MLmodel", "flavors: {}");

        var root = await server.Api.OkGetAsync($"artifacts/list?run_id={runId}");
        Assert.Equal($"mlflow-artifacts:/{experimentId}/{runId}/artifacts", root.GetProperty("root_uri").GetString());
        Assert.Equal("""[{"path":"metrics.csv","is_dir":false,"file_size":8},{"path":"model","is_dir":true}]""",
            JsonSerializer.Serialize(root.GetProperty("files")));

        var model = await server.Api.OkGetAsync($"artifacts/list?run_id={runId}&path=model");
        Assert.Equal("""[{"path":"model/MLmodel","is_dir":false,"file_size":11}]""", JsonSerializer.Serialize(model.GetProperty("files")));
    }

    [Fact]
    public async Task A_run_listing_of_a_run_without_artifacts_has_only_the_root_uri()
    {
        var runId = await server.Api.CreateRunAsync(await server.Api.CreateExperimentAsync());

        var body = await server.Api.OkGetAsync($"/ajax-api/2.0/mlflow/artifacts/list?run_uuid={runId}");

        Assert.Equal(["root_uri"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_run_listing_of_an_unknown_run_is_404_and_without_a_run_id_is_400()
    {
        var unknown = await server.Api.GetAsync($"artifacts/list?run_id={Guid.NewGuid():N}");
        Assert.Equal((HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST"), (unknown.Status, unknown.ErrorCode));

        var missing = await server.Api.GetAsync("artifacts/list?path=x");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (missing.Status, missing.ErrorCode));
        Assert.Contains("run_id", missing.Message);
    }

    private async Task PutTextAsync(string path, string text)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PutAsync($"{Service}/{path}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> GetStringAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} -> {(int)response.StatusCode}: {body}");
        return body;
    }
}

/// <summary>The suite on the SQLite store.</summary>
public sealed class ArtifactsApiTestsOnSqlite(ServerFixture server) : ArtifactsApiTests(server), IClassFixture<ServerFixture>;

/// <summary>The suite on PostgreSQL.</summary>
public sealed class ArtifactsApiTestsOnPostgres(PostgresServerFixture server) : ArtifactsApiTests(server), IClassFixture<PostgresServerFixture>;
