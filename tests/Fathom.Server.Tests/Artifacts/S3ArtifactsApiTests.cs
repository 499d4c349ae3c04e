using System.Net;
using Fathom.Server.Tests.Infrastructure;
using Fathom.Tracking.Tests.Artifacts;

namespace Fathom.Server.Tests.Artifacts;

/// <summary>A server whose artifacts destination is the real s3rver that scripts/test.sh starts.</summary>
public sealed class S3ArtifactsServerFixture : ServerFixture
{
    protected override void Configure(FathomServerOptions options)
    {
        var endpoint = Environment.GetEnvironmentVariable("FATHOM_TEST_S3_ENDPOINT") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "FATHOM_TEST_S3_ENDPOINT is not set: run the tests with ./scripts/test.sh, which starts an s3rver and sets it.");
        // The server reads S3 settings from the process environment, as `fathom server` does. These values are the
        // same for every test in the process, so setting them here cannot disturb a test running in parallel.
        Environment.SetEnvironmentVariable("MLFLOW_S3_ENDPOINT_URL", endpoint);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        options.ArtifactsDestination = $"s3://fathom-test/server-{Guid.NewGuid():N}";
    }
}

public sealed class S3ArtifactsApiTests(S3ArtifactsServerFixture server) : IClassFixture<S3ArtifactsServerFixture>
{
    private const string Service = "/api/2.0/mlflow-artifacts/artifacts";
    private const long MultipartSizedLength = 20 << 20;

    [Fact]
    public async Task A_multipart_sized_upload_round_trips_through_the_server_to_S3_and_back()
    {
        var http = server.Http;
        using (var upload = await http.PutAsync($"{Service}/run/model.bin", new StreamContent(new GeneratedStream(MultipartSizedLength, 3))))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        Assert.Equal($$"""{"files":[{"path":"model.bin","is_dir":false,"file_size":{{MultipartSizedLength}}}]}""",
            await http.GetStringAsync($"{Service}?path=run"));

        using (var download = await http.GetAsync($"{Service}/run/model.bin", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(MultipartSizedLength, download.Content.Headers.ContentLength);
            Assert.Equal(GeneratedStream.Sha256Of(MultipartSizedLength, 3),
                await GeneratedStream.Sha256HexAsync(await download.Content.ReadAsStreamAsync()));
        }

        using (var deleted = await http.DeleteAsync($"{Service}/run"))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var missing = await server.Api.GetAsync($"{Service}/run/model.bin");
        Assert.Equal((HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST"), (missing.Status, missing.ErrorCode));
    }

    [Fact]
    public async Task A_run_listing_reads_the_runs_folder_from_S3()
    {
        var experimentId = await server.Api.CreateExperimentAsync();
        var runId = await server.Api.CreateRunAsync(experimentId);
        using (var upload = await server.Http.PutAsync($"{Service}/{experimentId}/{runId}/artifacts/plots/loss.png", new ByteArrayContent([1, 2])))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        var body = await server.Api.OkGetAsync($"artifacts/list?run_id={runId}&path=plots");

        var file = Assert.Single(body.GetProperty("files").EnumerateArray());
        Assert.Equal(("plots/loss.png", 2), (file.GetProperty("path").GetString(), file.GetProperty("file_size").GetInt64()));
    }
}
