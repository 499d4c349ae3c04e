using System.Net;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Registry;

public sealed class RegisteredModelsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly MlflowApi _api = server.Api;

    private async Task<string> NewModelAsync(string prefix = "model")
    {
        var name = Unique(prefix);
        await _api.OkPostAsync("registered-models/create", Json(new { name }));
        return name;
    }

    [Fact]
    public async Task Create_then_get_returns_MLflows_registered_model_shape()
    {
        var name = Unique("shape");
        var created = await _api.OkPostAsync("registered-models/create",
            $$"""{"name": "{{name}}", "description": "churn", "tags": [{"key": "team", "value": "growth"}]}""");

        var model = (await _api.OkGetAsync($"registered-models/get?name={name}")).GetProperty("registered_model");
        Assert.Equal(created.GetProperty("registered_model").GetRawText(), model.GetRawText());
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal("churn", model.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Number, model.GetProperty("creation_timestamp").ValueKind);
        Assert.Equal(JsonValueKind.Number, model.GetProperty("last_updated_timestamp").ValueKind);
        Assert.Equal("growth", model.GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.False(model.TryGetProperty("latest_versions", out _));
        Assert.False(model.TryGetProperty("aliases", out _));
    }

    [Fact]
    public async Task Rename_update_and_delete_use_POST_PATCH_and_DELETE()
    {
        var name = await NewModelAsync();
        var renamed = name + "-renamed";

        var afterRename = await _api.OkPostAsync("registered-models/rename", Json(new { name, new_name = renamed }));
        var update = await _api.SendAsync(HttpMethod.Patch, "registered-models/update", Json(new { name = renamed, description = "v2" }));
        var delete = await _api.SendAsync(HttpMethod.Delete, "registered-models/delete", Json(new { name = renamed }));

        Assert.Equal(renamed, afterRename.GetProperty("registered_model").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal("v2", update.Json.GetProperty("registered_model").GetProperty("description").GetString());
        Assert.Equal((HttpStatusCode.OK, "{}"), (delete.Status, delete.Body));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await _api.GetAsync($"registered-models/get?name={renamed}")).ErrorCode);
    }

    [Fact]
    public async Task Search_filters_orders_and_pages_over_GET()
    {
        var prefix = Unique("search");
        foreach (var suffix in new[] { "b", "a", "c" })
        {
            await _api.OkPostAsync("registered-models/create", Json(new { name = $"{prefix}-{suffix}" }));
        }

        var first = await _api.OkGetAsync($"registered-models/search?filter=name LIKE '{prefix}%'&max_results=2&order_by=name DESC");
        var token = first.GetProperty("next_page_token").GetString();
        var second = await _api.OkGetAsync($"registered-models/search?filter=name LIKE '{prefix}%'&max_results=2&order_by=name DESC&page_token={Uri.EscapeDataString(token!)}");

        Assert.Equal([$"{prefix}-c", $"{prefix}-b"], first.GetProperty("registered_models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal($"{prefix}-a", second.GetProperty("registered_models")[0].GetProperty("name").GetString());
        Assert.False(second.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task Search_with_no_match_is_an_empty_object_and_more_than_1000_results_is_refused()
    {
        var none = await _api.OkGetAsync("registered-models/search?filter=name = 'no-such-model-anywhere'");
        var tooMany = await _api.GetAsync("registered-models/search?max_results=1001");

        Assert.Equal("{}", none.GetRawText());
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (tooMany.Status, tooMany.ErrorCode));
    }

    [Fact]
    public async Task Tags_are_set_and_deleted()
    {
        var name = await NewModelAsync();

        await _api.OkPostAsync("registered-models/set-tag", Json(new { name, key = "k", value = "v" }));
        var tagged = await _api.OkGetAsync($"registered-models/get?name={name}");
        var deleted = await _api.SendAsync(HttpMethod.Delete, "registered-models/delete-tag", Json(new { name, key = "k" }));
        var untagged = await _api.OkGetAsync($"registered-models/get?name={name}");

        Assert.Equal("v", tagged.GetProperty("registered_model").GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.False(untagged.GetProperty("registered_model").TryGetProperty("tags", out _));
    }

    [Fact]
    public async Task Aliases_are_set_read_by_GET_and_deleted_on_the_one_alias_path()
    {
        var name = await NewModelAsync();
        await _api.OkPostAsync("model-versions/create", Json(new { name, source = "mlflow-artifacts:/0/r/artifacts/model" }));

        await _api.OkPostAsync("registered-models/alias", Json(new { name, alias = "champion", version = "1" }));
        var byAlias = await _api.OkGetAsync($"registered-models/alias?name={name}&alias=champion");
        var model = await _api.OkGetAsync($"registered-models/get?name={name}");
        var deleted = await _api.SendAsync(HttpMethod.Delete, "registered-models/alias", Json(new { name, alias = "champion" }));
        var gone = await _api.GetAsync($"registered-models/alias?name={name}&alias=champion");

        Assert.Equal("1", byAlias.GetProperty("model_version").GetProperty("version").GetString());
        Assert.Equal("champion", byAlias.GetProperty("model_version").GetProperty("aliases")[0].GetString());
        Assert.Equal("""[{"alias":"champion","version":"1"}]""", model.GetProperty("registered_model").GetProperty("aliases").GetRawText());
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (gone.Status, gone.ErrorCode));
    }

    [Fact]
    public async Task Get_latest_versions_answers_GET_and_POST_per_stage()
    {
        var name = await NewModelAsync();
        for (var i = 0; i < 3; i++)
        {
            await _api.OkPostAsync("model-versions/create", Json(new { name, source = $"s3://b/{i}" }));
        }

        await _api.OkPostAsync("model-versions/transition-stage", Json(new { name, version = "2", stage = "Production", archive_existing_versions = false }));

        var post = await _api.OkPostAsync("registered-models/get-latest-versions", Json(new { name, stages = new[] { "Production" } }));
        var get = await _api.OkGetAsync($"registered-models/get-latest-versions?name={name}");

        Assert.Equal("2", post.GetProperty("model_versions").EnumerateArray().Single().GetProperty("version").GetString());
        Assert.Equal(["3", "2"], get.GetProperty("model_versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Every_registry_endpoint_answers_under_the_ajax_api_prefix_too()
    {
        var name = await NewModelAsync();

        var body = await _api.OkGetAsync($"/ajax-api/2.0/mlflow/registered-models/get?name={name}");

        Assert.Equal(name, body.GetProperty("registered_model").GetProperty("name").GetString());
    }
}
