using System.Text.Json;

namespace Fathom.Cli.Tests;

public sealed class ExperimentCommandsTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    private async Task<JsonElement> FathomJson(params string[] args)
    {
        var (code, output) = await Fathom([.. args, "--json"]);
        Assert.True(code == 0, output);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public async Task Experiments_can_be_created_listed_renamed_deleted_and_restored()
    {
        var id = (await FathomJson("experiments", "create", "cli-lifecycle")).GetProperty("experiment_id").GetString()!;

        var (listCode, table) = await Fathom("experiments", "list");
        Assert.Equal(0, listCode);
        Assert.Contains("cli-lifecycle", table);

        Assert.Equal(0, (await Fathom("experiments", "rename", "cli-lifecycle", "cli-lifecycle-2")).ExitCode);
        var names = (await FathomJson("experiments", "list")).GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("cli-lifecycle-2", names);
        Assert.DoesNotContain("cli-lifecycle", names);

        Assert.Equal(0, (await Fathom("experiments", "delete", id)).ExitCode);
        var active = (await FathomJson("experiments", "list")).GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("experiment_id").GetString());
        Assert.DoesNotContain(id, active);
        var deleted = (await FathomJson("experiments", "list", "--view", "DeletedOnly")).GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("experiment_id").GetString());
        Assert.Contains(id, deleted);

        Assert.Equal(0, (await Fathom("experiments", "restore", "cli-lifecycle-2")).ExitCode);
        var stage = (await FathomJson("experiments", "list")).GetProperty("experiments").EnumerateArray()
            .Single(e => e.GetProperty("experiment_id").GetString() == id).GetProperty("lifecycle_stage").GetString();
        Assert.Equal("active", stage);
    }

    [Fact]
    public async Task Creating_an_existing_experiment_says_so_and_exits_1()
    {
        Assert.Equal(0, (await Fathom("experiments", "create", "cli-dup")).ExitCode);

        var (code, output) = await Fathom("experiments", "create", "cli-dup");

        Assert.Equal(1, code);
        Assert.Contains("Experiment 'cli-dup' already exists", output);
    }

    [Fact]
    public async Task Renaming_an_unknown_experiment_says_it_does_not_exist_and_exits_1()
    {
        var (code, output) = await Fathom("experiments", "rename", "no-such-experiment", "whatever");

        Assert.Equal(1, code);
        Assert.Contains("Experiment 'no-such-experiment' does not exist", output);
        Assert.Contains("fathom experiments list", output);
    }
}
