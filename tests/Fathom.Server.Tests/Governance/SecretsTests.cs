using System.Net;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Governance;

/// <summary>Passwords, their hashes and API tokens never appear in the log, in error bodies or in the audit trail.</summary>
public sealed class SecretsTests(AuthServerFixture server) : IClassFixture<AuthServerFixture>
{
    [Fact]
    public async Task Secrets_never_reach_the_log_error_bodies_or_the_audit_trail()
    {
        const string first = "first-Secret-771";
        const string second = "second-Secret-772";
        const string wrong = "wrong-Secret-773";
        var user = Unique("secretive");
        await server.EnsureUserAsync(user, first);
        var bodies = new List<string>();
        bodies.Add((await server.As(user, first).SendAsync(HttpMethod.Patch, "users/update-password", Json(new { username = user, password = second }))).Body);
        var created = await server.As(user, second).OkPostAsync("/api/2.0/fathom/users/tokens/create", Json(new { name = "ci" }));
        var token = created.GetProperty("token").GetString()!;
        bodies.Add((await server.As(user, wrong).GetAsync("experiments/get?experiment_id=0")).Body);
        bodies.Add((await server.WithToken(token + "x").GetAsync("experiments/get?experiment_id=0")).Body);
        bodies.Add((await server.Admin.PostAsync("users/create", Json(new { username = user, password = wrong }))).Body);
        bodies.Add((await server.Admin.PostAsync("users/create", Json(new { username = Unique("short"), password = "abc" }))).Body);
        var audit = await server.Admin.OkGetAsync("/api/2.0/fathom/audit/search?max_results=1000");
        Assert.Contains(audit.GetProperty("events").EnumerateArray(), e => e.GetProperty("resource_type").GetString() == "api_token");
        Assert.Contains(audit.GetProperty("events").EnumerateArray(), e => e.GetProperty("action").GetString() == "update_password");

        var everything = string.Join("\n", server.Log) + string.Join("\n", bodies) + audit.GetRawText();
        Assert.NotEmpty(server.Log);
        foreach (var secret in new[] { first, second, wrong, token, token[("fathom_".Length + 17)..], "pbkdf2", AuthServerFixture.AdminPassword })
        {
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"a secret of {secret.Length} characters leaked");
        }
    }
}
