using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Registry;

/// <summary>
/// Registry wire shapes checked against golden files (Registry/Golden/*.json), written to MLflow 2.17's output: proto
/// field order, versions as strings, absent request strings echoed as "" on versions, empty lists omitted.
/// </summary>
public sealed class RegistryGoldenWireTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly MlflowApi _api = server.Api;

    [Fact]
    public async Task Create_model_version_response_matches_golden()
    {
        await _api.OkPostAsync("registered-models/create", Json(new { name = "golden-version" }));

        var body = await _api.OkPostAsync("model-versions/create",
            Json(new { name = "golden-version", source = "mlflow-artifacts:/1/0123456789abcdef0123456789abcdef/artifacts/model" }));

        Golden.AssertMatches("create_model_version_response.json", body);
    }

    [Fact]
    public async Task Get_registered_model_with_versions_tags_and_aliases_matches_golden()
    {
        await _api.OkPostAsync("registered-models/create",
            Json(new { name = "golden-model", description = "predicts churn", tags = new[] { new { key = "team", value = "growth" } } }));
        foreach (var runId in new[] { "aaaa", "bbbb" })
        {
            await _api.OkPostAsync("model-versions/create",
                Json(new { name = "golden-model", source = $"mlflow-artifacts:/1/{runId}/artifacts/model", run_id = runId, description = "d" }));
        }

        await _api.OkPostAsync("model-versions/transition-stage", Json(new { name = "golden-model", version = "2", stage = "Production", archive_existing_versions = false }));
        await _api.OkPostAsync("registered-models/alias", Json(new { name = "golden-model", alias = "champion", version = "2" }));

        Golden.AssertMatches("get_registered_model_response.json", await _api.OkGetAsync("registered-models/get?name=golden-model"));
        Golden.AssertMatches("get_model_version_by_alias_response.json", await _api.OkGetAsync("registered-models/alias?name=golden-model&alias=champion"));
    }
}
