using System.Text.Json;
using Fathom.Server;
using Microsoft.AspNetCore.Builder;

namespace Fathom.Cli.Tests;

/// <summary>
/// The first admin is created in the store with `fathom users create-admin`, a server starts on that store with auth on,
/// and the admin manages users, tokens, permissions and reads the audit trail through the CLI.
/// </summary>
public sealed class GovernanceCommandsTests : IAsyncLifetime
{
    private const string BossPassword = "boss-password-1";
    private readonly string _folder = Directory.CreateTempSubdirectory("fathom-cli-auth-").FullName;
    private WebApplication? _app;
    private string _url = "";

    private string StoreUri => "sqlite:///" + Path.Combine(_folder, "fathom.db");

    public async Task InitializeAsync()
    {
        var (code, output) = await CliRunner.RunWithEnvironmentAsync(null, new Dictionary<string, string> { ["FATHOM_ADMIN_PASSWORD"] = BossPassword },
            "users", "create-admin", "boss", "--backend-store-uri", StoreUri);
        Assert.True(code == 0, output);
        _app = await FathomServer.BuildAsync(new FathomServerOptions
        {
            Port = 0, BackendStoreUri = StoreUri, ArtifactsDestination = Path.Combine(_folder, "artifacts"), RequestLogging = false, Auth = true,
        });
        await _app.StartAsync();
        _url = _app.ListeningUri().ToString();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_admin_manages_users_tokens_and_permissions_and_reads_the_audit_trail()
    {
        Assert.Equal(0, (await As("boss", BossPassword, "users", "create", "alice", "--password", "alice-password-1")).ExitCode);
        var users = await Json(await As("boss", BossPassword, "users", "list", "--json"));
        Assert.Contains(users.GetProperty("users").EnumerateArray(), u => u.GetProperty("username").GetString() == "alice");

        Assert.Equal(0, (await As("boss", BossPassword, "experiments", "create", "shared")).ExitCode);
        Assert.Equal(0, (await As("boss", BossPassword, "permissions", "grant", "alice", "edit", "--experiment", "shared")).ExitCode);
        var grants = await Json(await As("alice", "alice-password-1", "permissions", "list", "alice", "--json"));
        Assert.Equal("EDIT", grants.GetProperty("experiment_permissions")[0].GetProperty("permission").GetString());

        var token = (await Json(await As("alice", "alice-password-1", "users", "token", "create", "--name", "ci", "--json"))).GetProperty("token").GetString()!;
        var withToken = await CliRunner.RunWithEnvironmentAsync(_url, new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = token }, "experiments", "list");
        Assert.True(withToken.ExitCode == 0 && withToken.Output.Contains("shared"), withToken.Output);

        var audit = await Json(await As("boss", BossPassword, "audit", "--resource-type", "experiment_permission", "--json"));
        Assert.Contains(audit.GetProperty("events").EnumerateArray(), e => e.GetProperty("action").GetString() == "create" && e.GetProperty("username").GetString() == "boss");
        var table = await As("boss", BossPassword, "audit", "--user", "boss", "--since", "2020-01-01");
        Assert.Contains("experiment_permission", table.Output);

        Assert.Equal(0, (await As("boss", BossPassword, "permissions", "revoke", "alice", "--experiment", "shared")).ExitCode);
        Assert.Equal(0, (await As("boss", BossPassword, "users", "delete", "alice")).ExitCode);
        Assert.Equal(1, (await As("alice", "alice-password-1", "experiments", "list")).ExitCode);
    }

    [Fact]
    public async Task Without_credentials_the_CLI_says_which_variables_to_set()
    {
        var (code, output) = await CliRunner.RunAsync(_url, "users", "list");
        Assert.Equal(1, code);
        Assert.Contains("MLFLOW_TRACKING_USERNAME", output);
    }

    private Task<(int ExitCode, string Output)> As(string user, string password, params string[] args) =>
        CliRunner.RunWithEnvironmentAsync(_url, new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_USERNAME"] = user,
            ["MLFLOW_TRACKING_PASSWORD"] = password,
        }, args);

    private static Task<JsonElement> Json((int ExitCode, string Output) result)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        return Task.FromResult(JsonDocument.Parse(result.Output).RootElement);
    }
}
