using System.Net;
using System.Net.Http.Headers;
using Fathom.Client;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Governance;

public sealed class AuthenticationTests(AuthServerFixture server) : IClassFixture<AuthServerFixture>
{
    [Fact]
    public async Task Unauthenticated_requests_get_401_with_MLflow_s_Basic_challenge()
    {
        using var response = await server.Http.GetAsync("/api/2.0/mlflow/experiments/get?experiment_id=0");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"mlflow\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("You are not authenticated", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_and_version_stay_open()
    {
        Assert.Equal("OK", await server.Http.GetStringAsync("/health"));
        using var version = await server.Http.GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_user_is_401()
    {
        await server.EnsureUserAsync("wrong-pw");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.As("wrong-pw", "not-the-password").GetAsync("experiments/get?experiment_id=0")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.As("nobody-here").GetAsync("experiments/get?experiment_id=0")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.As("wrong-pw").GetAsync("experiments/get?experiment_id=0")).Status);
    }

    [Fact]
    public async Task Bearer_tokens_work_until_revoked()
    {
        await server.EnsureUserAsync("token-user");
        var created = await server.As("token-user").OkPostAsync("/api/2.0/fathom/users/tokens/create", Json(new { name = "laptop" }));
        var token = created.GetProperty("token").GetString()!;
        var bearer = server.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("experiments/get?experiment_id=0")).Status);

        var listed = await bearer.OkGetAsync("/api/2.0/fathom/users/tokens/list");
        Assert.DoesNotContain(token, listed.GetRawText());
        await bearer.OkPostAsync("/api/2.0/fathom/users/tokens/revoke",
            Json(new { token_id = created.GetProperty("token_info").GetProperty("token_id").GetString() }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("experiments/get?experiment_id=0")).Status);
    }

    [Fact]
    public async Task The_Fathom_client_authenticates_from_MLflow_s_environment_variables()
    {
        await server.EnsureUserAsync("client-user");
        var basic = new Dictionary<string, string?>
        {
            ["MLFLOW_TRACKING_URI"] = server.Http.BaseAddress!.ToString(),
            ["MLFLOW_TRACKING_USERNAME"] = "client-user",
            ["MLFLOW_TRACKING_PASSWORD"] = AuthServerFixture.Password,
        };
        using var client = new FathomClient(FathomClientOptions.FromEnvironment(name => basic.GetValueOrDefault(name)));
        var experimentId = await client.CreateExperimentAsync(Unique("from-client"));

        var token = (await server.As("client-user").OkPostAsync("/api/2.0/fathom/users/tokens/create", "{}")).GetProperty("token").GetString();
        var bearer = new Dictionary<string, string?> { ["MLFLOW_TRACKING_URI"] = basic["MLFLOW_TRACKING_URI"], ["MLFLOW_TRACKING_TOKEN"] = token };
        using var tokenClient = new FathomClient(FathomClientOptions.FromEnvironment(name => bearer.GetValueOrDefault(name)));
        Assert.Equal(experimentId, (await tokenClient.GetExperimentAsync(experimentId)).ExperimentId);
    }

    [Fact]
    public async Task The_creator_of_an_experiment_manages_it_and_others_get_the_default_READ()
    {
        await server.EnsureUserAsync("creator");
        await server.EnsureUserAsync("bystander");
        var experimentId = await server.As("creator").CreateExperimentAsync();
        var grant = await server.As("creator").OkGetAsync($"experiments/permissions/get?experiment_id={experimentId}&username=creator");
        Assert.Equal("MANAGE", grant.GetProperty("experiment_permission").GetProperty("permission").GetString());

        Assert.Equal(HttpStatusCode.OK, (await server.As("bystander").GetAsync($"experiments/get?experiment_id={experimentId}")).Status);
        var rename = await server.As("bystander").PostAsync("experiments/update", Json(new { experiment_id = experimentId, new_name = Unique("x") }));
        Assert.Equal(HttpStatusCode.Forbidden, rename.Status);
    }

    [Fact]
    public async Task Experiment_search_shows_only_experiments_the_caller_may_read()
    {
        await server.EnsureUserAsync("searcher");
        var hidden = await server.Admin.CreateExperimentAsync(Unique("hidden"));
        var visible = await server.Admin.CreateExperimentAsync(Unique("visible"));
        await server.Admin.OkPostAsync("experiments/permissions/create", Json(new { experiment_id = hidden, username = "searcher", permission = "NO_PERMISSIONS" }));

        var found = await server.As("searcher").OkPostAsync("experiments/search", Json(new { max_results = 1000 }));
        var ids = found.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("experiment_id").GetString()).ToList();
        Assert.Contains(visible, ids);
        Assert.DoesNotContain(hidden, ids);
    }

    [Fact]
    public async Task Nobody_creates_users_without_admin_credentials()
    {
        await server.EnsureUserAsync("plain");
        var body = Json(new { username = Unique("intruder"), password = "intruder-pw-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous.PostAsync("users/create", body)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.As("plain").PostAsync("users/create", body)).Status);
    }

    [Fact]
    public async Task A_password_change_and_a_lost_admin_flag_take_effect_at_once()
    {
        await server.EnsureUserAsync("changer");
        await server.Admin.OkGetAsync("/api/2.0/fathom/users/list");
        await server.Admin.SendAsync(HttpMethod.Patch, "users/update-admin", Json(new { username = "changer", is_admin = true }));
        Assert.Equal(HttpStatusCode.OK, (await server.As("changer").GetAsync("/api/2.0/fathom/users/list")).Status);
        await server.Admin.SendAsync(HttpMethod.Patch, "users/update-admin", Json(new { username = "changer", is_admin = false }));
        Assert.Equal(HttpStatusCode.Forbidden, (await server.As("changer").GetAsync("/api/2.0/fathom/users/list")).Status);

        var changed = await server.As("changer").SendAsync(HttpMethod.Patch, "users/update-password", Json(new { username = "changer", password = "second-password" }));
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.As("changer").GetAsync("users/get?username=changer")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.As("changer", "second-password").GetAsync("users/get?username=changer")).Status);
    }

    [Fact]
    public async Task Changes_are_audited_with_the_authenticated_user()
    {
        await server.EnsureUserAsync("auditee");
        var experimentId = await server.As("auditee").CreateExperimentAsync();
        var events = await server.Admin.OkGetAsync($"/api/2.0/fathom/audit/search?username=auditee&resource_type=experiment&resource_id={experimentId}");
        var created = Assert.Single(events.GetProperty("events").EnumerateArray());
        Assert.Equal("create", created.GetProperty("action").GetString());
        Assert.Equal(experimentId, created.GetProperty("after").GetProperty("experiment_id").GetString());
        // A user with no grant reads another's experiment history only as far as the default permission allows.
        Assert.Equal(HttpStatusCode.Forbidden, (await server.As("auditee").GetAsync("/api/2.0/fathom/audit/search")).Status);
    }
}
