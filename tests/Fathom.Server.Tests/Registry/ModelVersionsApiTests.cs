using System.Net;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Registry;

public sealed class ModelVersionsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly MlflowApi _api = server.Api;

    private async Task<string> NewModelAsync()
    {
        var name = Unique("versions");
        await _api.OkPostAsync("registered-models/create", Json(new { name }));
        return name;
    }

    [Fact]
    public async Task Create_returns_MLflows_model_version_shape_with_lineage()
    {
        var name = await NewModelAsync();
        var runId = await _api.CreateRunAsync(await _api.CreateExperimentAsync());
        var source = $"mlflow-artifacts:/1/{runId}/artifacts/model";

        var created = (await _api.OkPostAsync("model-versions/create",
            Json(new { name, source, run_id = runId, tags = new[] { new { key = "k", value = "v" } } }))).GetProperty("model_version");

        Assert.Equal("1", created.GetProperty("version").GetString());
        Assert.Equal((source, runId), (created.GetProperty("source").GetString(), created.GetProperty("run_id").GetString()));
        Assert.Equal(("None", "READY"), (created.GetProperty("current_stage").GetString(), created.GetProperty("status").GetString()));
        Assert.Equal("", created.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Number, created.GetProperty("creation_timestamp").ValueKind);
        var fetched = await _api.OkGetAsync($"model-versions/get?name={name}&version=1");
        Assert.Equal(created.GetRawText(), fetched.GetProperty("model_version").GetRawText());
    }

    [Fact]
    public async Task Versions_count_up_and_search_finds_them_by_run()
    {
        var name = await NewModelAsync();
        var runId = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 2; i++)
        {
            await _api.OkPostAsync("model-versions/create", Json(new { name, source = $"s3://bucket/{i}", run_id = runId }));
        }

        var found = await _api.OkGetAsync($"model-versions/search?filter=run_id = '{runId}'&order_by=version_number DESC");

        Assert.Equal(["2", "1"], found.GetProperty("model_versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Update_transition_tag_and_delete_a_version()
    {
        var name = await NewModelAsync();
        await _api.OkPostAsync("model-versions/create", Json(new { name, source = "s3://bucket/m" }));

        var updated = await _api.SendAsync(HttpMethod.Patch, "model-versions/update", Json(new { name, version = "1", description = "tuned" }));
        var staged = await _api.OkPostAsync("model-versions/transition-stage",
            Json(new { name, version = "1", stage = "staging", archive_existing_versions = true }));
        await _api.OkPostAsync("model-versions/set-tag", Json(new { name, version = "1", key = "checked", value = "yes" }));
        var tagged = await _api.OkGetAsync($"model-versions/get?name={name}&version=1");
        var untag = await _api.SendAsync(HttpMethod.Delete, "model-versions/delete-tag", Json(new { name, version = "1", key = "checked" }));
        var delete = await _api.SendAsync(HttpMethod.Delete, "model-versions/delete", Json(new { name, version = "1" }));

        Assert.Equal("tuned", updated.Json.GetProperty("model_version").GetProperty("description").GetString());
        Assert.Equal("Staging", staged.GetProperty("model_version").GetProperty("current_stage").GetString());
        Assert.Equal("yes", tagged.GetProperty("model_version").GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (untag.Status, delete.Status));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await _api.GetAsync($"model-versions/get?name={name}&version=1")).ErrorCode);
    }

    [Fact]
    public async Task Get_download_uri_returns_the_source_artifact_uri()
    {
        var name = await NewModelAsync();
        await _api.OkPostAsync("model-versions/create", Json(new { name, source = "mlflow-artifacts:/3/abc/artifacts/model" }));

        var body = await _api.OkGetAsync($"model-versions/get-download-uri?name={name}&version=1");

        Assert.Equal("""{"artifact_uri":"mlflow-artifacts:/3/abc/artifacts/model"}""", body.GetRawText());
    }

    [Theory]
    [InlineData("s3://bucket/models/../../secrets")]
    [InlineData("mlflow-artifacts:/0/%2E%2E/%2E%2E/etc")]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    public async Task Sources_that_escape_their_location_or_are_local_without_a_run_are_refused(string source)
    {
        var name = await NewModelAsync();

        var response = await _api.PostAsync("model-versions/create", Json(new { name, source }));

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (response.Status, response.ErrorCode));
        Assert.StartsWith("Invalid model version source:", response.Message);
    }
}
