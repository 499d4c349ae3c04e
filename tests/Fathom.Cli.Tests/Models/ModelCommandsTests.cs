using System.Text.Json;
using Fathom.Client;

namespace Fathom.Cli.Tests.Models;

public sealed class ModelCommandsTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    /// <summary>A run that logged a small model folder under artifacts/model.</summary>
    private async Task<string> RunWithModelAsync()
    {
        using var client = new FathomClient(server.Url);
        var run = await client.CreateRunAsync(await client.GetOrCreateExperimentAsync("cli-models"));
        var folder = Directory.CreateTempSubdirectory("fathom-cli-model-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "MLmodel"), "artifact_path: model\n");
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.zip"), [7, 7, 7]);
        await client.LogArtifactAsync(run.Info.RunId, folder, "model");
        return run.Info.RunId;
    }

    [Fact]
    public async Task Register_alias_stage_and_versions_work_together_from_the_command_line()
    {
        var runId = await RunWithModelAsync();
        var name = $"cli-{Guid.NewGuid():N}";

        var register = await Fathom("models", "register", $"runs:/{runId}/model", name);
        await Fathom("models", "register", $"runs:/{runId}/model", name);
        var alias = await Fathom("models", "alias", "set", name, "champion", "1");
        var stage = await Fathom("models", "stage", name, "2", "production", "--archive-existing");
        var (code, versionsJson) = await Fathom("models", "versions", name, "--json");
        var (_, table) = await Fathom("models", "versions", name);

        Assert.Equal(0, register.ExitCode);
        Assert.Contains($"Registered {name} version 1", register.Output);
        Assert.Equal((0, 0), (alias.ExitCode, stage.ExitCode));
        Assert.Contains("is now in Production", stage.Output);
        Assert.Equal(0, code);
        var versions = JsonDocument.Parse(versionsJson).RootElement.GetProperty("model_versions");
        Assert.Equal(["2", "1"], versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal("champion", versions[1].GetProperty("aliases")[0].GetString());
        Assert.Equal(runId, versions[0].GetProperty("run_id").GetString());
        Assert.Contains("@champion", table);
        Assert.Contains("Production", table);
    }

    [Fact]
    public async Task Rollback_moves_the_alias_back_to_the_version_it_pointed_to_before_and_refuses_when_there_is_none()
    {
        var runId = await RunWithModelAsync();
        var name = $"cli-rollback-{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++) await Fathom("models", "register", $"runs:/{runId}/model", name);
        await Fathom("models", "alias", "set", name, "champion", "1");
        var (refusedCode, refused) = await Fathom("models", "rollback", name, "champion");
        await Fathom("models", "alias", "set", name, "champion", "3");

        var (code, json) = await Fathom("models", "rollback", name, "champion", "--json");

        Assert.Equal(1, refusedCode);
        Assert.Contains("no earlier version", refused);
        Assert.Equal(0, code);
        var result = JsonDocument.Parse(json).RootElement;
        Assert.Equal("3", result.GetProperty("from_version").GetString());
        Assert.Equal("1", result.GetProperty("version").GetString());
        using var client = new FathomClient(server.Url);
        Assert.Equal("1", (await client.GetModelVersionByAliasAsync(name, "champion")).Version);
    }

    [Fact]
    public async Task List_and_show_render_tables_and_json()
    {
        var runId = await RunWithModelAsync();
        var name = $"cli-show-{Guid.NewGuid():N}";
        await Fathom("models", "register", $"runs:/{runId}/model", name);
        await Fathom("models", "alias", "set", name, "champion", "1");

        var (listCode, list) = await Fathom("models", "list", "--filter", $"name = '{name}'");
        var (showCode, show) = await Fathom("models", "show", name);
        var (_, json) = await Fathom("models", "show", name, "--json");

        Assert.Equal((0, 0), (listCode, showCode));
        Assert.Contains(name, list);
        Assert.Contains("@champion -> 1", list);
        Assert.Contains("@champion -> 1", show);
        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("registered_model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Download_writes_the_model_files_for_an_alias_uri()
    {
        var runId = await RunWithModelAsync();
        var name = $"cli-dl-{Guid.NewGuid():N}";
        await Fathom("models", "register", $"runs:/{runId}/model", name);
        await Fathom("models", "alias", "set", name, "champion", "1");
        var target = Path.Combine(Directory.CreateTempSubdirectory("fathom-cli-dl-").FullName, "churn");

        var (code, output) = await Fathom("models", "download", $"models:/{name}@champion", target, "--json");

        Assert.Equal(0, code);
        Assert.Equal("1", JsonDocument.Parse(output).RootElement.GetProperty("version").GetString());
        Assert.Equal([7, 7, 7], await File.ReadAllBytesAsync(Path.Combine(target, "model.zip")));
        Assert.True(File.Exists(Path.Combine(target, "MLmodel")));
    }

    [Fact]
    public async Task Alias_delete_removes_the_alias()
    {
        var runId = await RunWithModelAsync();
        var name = $"cli-del-{Guid.NewGuid():N}";
        await Fathom("models", "register", $"runs:/{runId}/model", name);
        await Fathom("models", "alias", "set", name, "champion", "1");

        var (code, _) = await Fathom("models", "alias", "delete", name, "champion");
        var (_, json) = await Fathom("models", "show", name, "--json");

        Assert.Equal(0, code);
        Assert.Equal(0, JsonDocument.Parse(json).RootElement.GetProperty("registered_model").GetProperty("aliases").GetArrayLength());
    }

    [Theory]
    [InlineData("models", "show", "no-such-model-x")]
    [InlineData("models", "stage", "no-such-model-x", "1", "Staging")]
    [InlineData("models", "download", "models:/no-such-model-x/1", "out")]
    [InlineData("models", "download", "not-a-uri", "out")]
    [InlineData("models", "alias", "set", "no-such-model-x", "latest", "1")]
    public async Task Mistakes_exit_1_with_a_message(params string[] args)
    {
        var (code, output) = await Fathom(args);

        Assert.Equal(1, code);
        Assert.Contains("Error:", output);
    }
}
