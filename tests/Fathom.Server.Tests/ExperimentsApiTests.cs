using System.Net;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests;

public abstract class ExperimentsApiTests(ServerFixture server)
{
    private readonly MlflowApi _api = server.Api;

    [Fact]
    public async Task Default_experiment_0_exists_in_a_new_store()
    {
        var body = await _api.OkGetAsync("experiments/get?experiment_id=0");
        Assert.Equal("Default", body.GetProperty("experiment").GetProperty("name").GetString());
        Assert.Equal("0", body.GetProperty("experiment").GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task Create_then_get_returns_the_experiment_with_its_tags()
    {
        var name = Unique("create");
        var created = await _api.OkPostAsync("experiments/create",
            $$"""{"name": "{{name}}", "tags": [{"key": "team", "value": "vision"}]}""");
        var id = created.GetProperty("experiment_id").GetString();

        var experiment = (await _api.OkGetAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal(name, experiment.GetProperty("name").GetString());
        Assert.Equal("active", experiment.GetProperty("lifecycle_stage").GetString());
        Assert.Equal("team", experiment.GetProperty("tags")[0].GetProperty("key").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, experiment.GetProperty("creation_time").ValueKind);
        Assert.StartsWith("mlflow-artifacts:/", experiment.GetProperty("artifact_location").GetString());
    }

    [Fact]
    public async Task Get_by_name_finds_the_experiment()
    {
        var name = Unique("by-name");
        var id = await _api.CreateExperimentAsync(name);
        var body = await _api.OkGetAsync($"experiments/get-by-name?experiment_name={name}");
        Assert.Equal(id, body.GetProperty("experiment").GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task Creating_a_duplicate_name_is_RESOURCE_ALREADY_EXISTS()
    {
        var name = Unique("dup");
        await _api.CreateExperimentAsync(name);
        var response = await _api.PostAsync("experiments/create", Json(new { name }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("RESOURCE_ALREADY_EXISTS", response.ErrorCode);
    }

    [Fact]
    public async Task Unknown_experiment_id_is_RESOURCE_DOES_NOT_EXIST()
    {
        var response = await _api.GetAsync("experiments/get?experiment_id=987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", response.ErrorCode);
    }

    [Fact]
    public async Task Unknown_experiment_name_is_RESOURCE_DOES_NOT_EXIST()
    {
        var response = await _api.GetAsync($"experiments/get-by-name?experiment_name={Unique("none")}");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", response.ErrorCode);
    }

    [Fact]
    public async Task Update_renames_the_experiment()
    {
        var id = await _api.CreateExperimentAsync();
        var newName = Unique("renamed");
        var body = await _api.OkPostAsync("experiments/update", Json(new { experiment_id = id, new_name = newName }));
        Assert.Equal("{}", body.GetRawText());
        var experiment = (await _api.OkGetAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal(newName, experiment.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_marks_deleted_and_restore_brings_it_back()
    {
        var id = await _api.CreateExperimentAsync();
        await _api.OkPostAsync("experiments/delete", Json(new { experiment_id = id }));
        var deleted = (await _api.OkGetAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal("deleted", deleted.GetProperty("lifecycle_stage").GetString());

        await _api.OkPostAsync("experiments/restore", Json(new { experiment_id = id }));
        var restored = (await _api.OkGetAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal("active", restored.GetProperty("lifecycle_stage").GetString());
    }

    [Fact]
    public async Task Set_and_delete_experiment_tag()
    {
        var id = await _api.CreateExperimentAsync();
        await _api.OkPostAsync("experiments/set-experiment-tag", Json(new { experiment_id = id, key = "k", value = "v" }));
        var tagged = (await _api.OkGetAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Contains(tagged.GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "k" && t.GetProperty("value").GetString() == "v");

        await _api.OkPostAsync("experiments/delete-experiment-tag", Json(new { experiment_id = id, key = "k" }));
        var untagged = (await _api.OkGetAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.False(untagged.TryGetProperty("tags", out _), "an experiment without tags omits the field, as MLflow does");
    }

    [Fact]
    public async Task Search_by_POST_filters_by_name_and_pages_with_a_token()
    {
        var stem = Unique("page");
        for (var i = 0; i < 3; i++)
        {
            await _api.CreateExperimentAsync($"{stem}-{i}");
        }

        var first = await _api.OkPostAsync("experiments/search",
            Json(new { filter = $"name LIKE '{stem}-%'", max_results = 2, order_by = new[] { "name ASC" } }));
        Assert.Equal(2, first.GetProperty("experiments").GetArrayLength());
        Assert.Equal($"{stem}-0", first.GetProperty("experiments")[0].GetProperty("name").GetString());
        var token = first.GetProperty("next_page_token").GetString();

        var second = await _api.OkPostAsync("experiments/search",
            Json(new { filter = $"name LIKE '{stem}-%'", max_results = 2, order_by = new[] { "name ASC" }, page_token = token }));
        Assert.Equal(1, second.GetProperty("experiments").GetArrayLength());
        Assert.Equal($"{stem}-2", second.GetProperty("experiments")[0].GetProperty("name").GetString());
        Assert.False(second.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task Search_by_GET_reads_the_query_string_with_view_type_by_name()
    {
        var name = Unique("get-search");
        var id = await _api.CreateExperimentAsync(name);
        await _api.OkPostAsync("experiments/delete", Json(new { experiment_id = id }));

        var active = await _api.OkGetAsync($"experiments/search?filter=name%3D%27{name}%27&max_results=10");
        Assert.False(active.TryGetProperty("experiments", out _), "an empty result omits the list, as MLflow does");

        var deleted = await _api.OkGetAsync($"experiments/search?filter=name%3D%27{name}%27&view_type=DELETED_ONLY&max_results=10");
        Assert.Equal(id, deleted.GetProperty("experiments")[0].GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task Experiment_id_given_as_a_JSON_number_is_accepted_as_MLflow_does()
    {
        var body = await _api.OkPostAsync("experiments/set-experiment-tag", """{"experiment_id": 0, "key": "numeric", "value": "ok"}""");
        Assert.Equal("{}", body.GetRawText());
    }

    [Fact]
    public async Task The_ajax_api_prefix_serves_the_same_handlers()
    {
        var body = await _api.OkGetAsync("/ajax-api/2.0/mlflow/experiments/get?experiment_id=0");
        Assert.Equal("Default", body.GetProperty("experiment").GetProperty("name").GetString());
    }
}

/// <summary>The suite on the SQLite store.</summary>
public sealed class ExperimentsApiTestsOnSqlite(ServerFixture server) : ExperimentsApiTests(server), IClassFixture<ServerFixture>;

/// <summary>The suite on PostgreSQL.</summary>
public sealed class ExperimentsApiTestsOnPostgres(PostgresServerFixture server) : ExperimentsApiTests(server), IClassFixture<PostgresServerFixture>;
