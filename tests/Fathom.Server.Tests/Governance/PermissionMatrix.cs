using System.Net;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Governance;

/// <summary>What a route needs from the caller, in MLflow's terms.</summary>
public enum Need
{
    AnyUser,
    Self,
    Read,
    Update,
    Delete,
    Manage,
    Admin,
}

/// <summary>
/// The resources one matrix cell works on, created fresh by the admin so that mutations in one cell never affect
/// another: an experiment with a run (and a metric), and a model name; the four test users hold NO_PERMISSIONS, READ,
/// EDIT and MANAGE on both.
/// </summary>
public sealed record World(string ExperimentId, string ExperimentName, string RunId, string Model, string Self)
{
    public string Extra { get; set; } = "";

    public string ArtifactFolder => $"{ExperimentId}/{RunId}/artifacts";
}

/// <summary>One route exercised by the matrix: its permission-table key, how to call it, what it needs.</summary>
public sealed record MatrixCase(string Route, HttpMethod Method, Func<World, string> Path, Func<World, string?> Body, Need Need,
    Func<World, MatrixActors, Task>? Prepare = null, string ContentType = "application/json",
    HttpStatusCode AllowedStatus = HttpStatusCode.OK)
{
    public override string ToString() => Route;
}

public sealed record MatrixActors(Infrastructure.MlflowApi Admin, Infrastructure.MlflowApi Self);

/// <summary>Every API route with a request that succeeds for a caller who may make it.</summary>
public static class PermissionMatrix
{
    public const string SharedTarget = "matrix-target";
    private const string A = "/api/2.0/mlflow-artifacts/artifacts";
    private const string Mpu = "/api/2.0/mlflow-artifacts/mpu/";
    private const string F = "/api/2.0/fathom/";

    public static IReadOnlyList<MatrixCase> Cases { get; } =
    [
        Post("/mlflow/experiments/create", "experiments/create", _ => Json(new { name = Unique("exp") }), Need.AnyUser),
        Get("/mlflow/experiments/get", w => $"experiments/get?experiment_id={w.ExperimentId}", Need.Read),
        Get("/mlflow/experiments/get-by-name", w => $"experiments/get-by-name?experiment_name={w.ExperimentName}", Need.Read),
        Get("/mlflow/experiments/search", _ => "experiments/search?max_results=10", Need.AnyUser),
        Post("/mlflow/experiments/search", "experiments/search", _ => "{}", Need.AnyUser),
        Post("/mlflow/experiments/update", "experiments/update", w => Json(new { experiment_id = w.ExperimentId, new_name = Unique("renamed") }), Need.Update),
        Post("/mlflow/experiments/delete", "experiments/delete", w => Json(new { experiment_id = w.ExperimentId }), Need.Delete),
        Post("/mlflow/experiments/restore", "experiments/restore", w => Json(new { experiment_id = w.ExperimentId }), Need.Delete,
            (w, a) => a.Admin.OkPostAsync("experiments/delete", Json(new { experiment_id = w.ExperimentId }))),
        Post("/mlflow/experiments/set-experiment-tag", "experiments/set-experiment-tag", w => Json(new { experiment_id = w.ExperimentId, key = "k", value = "v" }), Need.Update),
        Post("/mlflow/experiments/delete-experiment-tag", "experiments/delete-experiment-tag", w => Json(new { experiment_id = w.ExperimentId, key = "k" }), Need.Update,
            (w, a) => a.Admin.OkPostAsync("experiments/set-experiment-tag", Json(new { experiment_id = w.ExperimentId, key = "k", value = "v" }))),

        Post("/mlflow/runs/create", "runs/create", w => Json(new { experiment_id = w.ExperimentId }), Need.Update),
        Get("/mlflow/runs/get", w => $"runs/get?run_id={w.RunId}", Need.Read),
        Post("/mlflow/runs/update", "runs/update", w => Json(new { run_id = w.RunId, status = "FINISHED" }), Need.Update),
        Post("/mlflow/runs/delete", "runs/delete", w => Json(new { run_id = w.RunId }), Need.Delete),
        Post("/mlflow/runs/restore", "runs/restore", w => Json(new { run_id = w.RunId }), Need.Delete,
            (w, a) => a.Admin.OkPostAsync("runs/delete", Json(new { run_id = w.RunId }))),
        Post("/mlflow/runs/set-tag", "runs/set-tag", w => Json(new { run_id = w.RunId, key = "k", value = "v" }), Need.Update),
        Post("/mlflow/runs/delete-tag", "runs/delete-tag", w => Json(new { run_id = w.RunId, key = "k" }), Need.Update,
            (w, a) => a.Admin.OkPostAsync("runs/set-tag", Json(new { run_id = w.RunId, key = "k", value = "v" }))),
        Post("/mlflow/runs/log-metric", "runs/log-metric", w => Json(new { run_id = w.RunId, key = "m", value = 1.5, timestamp = 5 }), Need.Update),
        Post("/mlflow/runs/log-parameter", "runs/log-parameter", w => Json(new { run_id = w.RunId, key = "p", value = "1" }), Need.Update),
        Post("/mlflow/runs/log-batch", "runs/log-batch", w => Json(new { run_id = w.RunId, metrics = new[] { new { key = "m", value = 2.0, timestamp = 6, step = 1 } } }), Need.Update),
        Post("/mlflow/runs/log-inputs", "runs/log-inputs", w => Json(new
        {
            run_id = w.RunId,
            datasets = new[] { new { dataset = new { name = "d", digest = "abc", source_type = "local", source = "{}" } } },
        }), Need.Update),
        Post("/mlflow/runs/search", "runs/search", w => Json(new { experiment_ids = new[] { w.ExperimentId } }), Need.Read),
        Get("/mlflow/metrics/get-history", w => $"metrics/get-history?run_id={w.RunId}&metric_key=m", Need.Read),
        Get("/mlflow/metrics/get-history-bulk-interval", w => $"metrics/get-history-bulk-interval?run_ids={w.RunId}&metric_key=m", Need.Read),

        Get("/mlflow/artifacts/list", w => $"artifacts/list?run_id={w.RunId}", Need.Read),
        new("PUT /mlflow-artifacts/artifacts/{**path}", HttpMethod.Put, w => $"{A}/{w.ArtifactFolder}/f.txt", _ => "hello", Need.Update, ContentType: "text/plain"),
        new("GET /mlflow-artifacts/artifacts/{**path}", HttpMethod.Get, w => $"{A}/{w.ArtifactFolder}/f.txt", _ => null, Need.Read, Upload),
        new("DELETE /mlflow-artifacts/artifacts/{**path}", HttpMethod.Delete, w => $"{A}/{w.ArtifactFolder}/f.txt", _ => null, Need.Delete, Upload),
        new("GET /mlflow-artifacts/artifacts", HttpMethod.Get, w => $"{A}?path={w.ArtifactFolder}", _ => null, Need.Read, Upload),
        // The matrix server keeps artifacts in a local folder, which takes no parts: a caller who passes the
        // permission check reaches the handler and gets MLflow's 501 NOT_IMPLEMENTED.
        MultipartCase("create", _ => Json(new { path = "f.bin", num_parts = 1 })),
        MultipartCase("complete", _ => Json(new { path = "f.bin", upload_id = "u", parts = new[] { new { part_number = 1, etag = "e" } } })),
        MultipartCase("abort", _ => Json(new { path = "f.bin", upload_id = "u" })),

        Post("/mlflow/users/create", "users/create", _ => Json(new { username = Unique("u"), password = AuthServerFixture.Password }), Need.Admin),
        Get("/mlflow/users/get", w => $"users/get?username={w.Self}", Need.Self),
        new("PATCH /mlflow/users/update-password", HttpMethod.Patch, _ => "users/update-password",
            // Each caller sets their own password to what it already is, so later cells still sign in.
            w => Json(new { username = w.Self, password = w.Self == AuthServerFixture.AdminName ? AuthServerFixture.AdminPassword : AuthServerFixture.Password }), Need.Self),
        new("PATCH /mlflow/users/update-admin", HttpMethod.Patch, _ => "users/update-admin",
            _ => Json(new { username = SharedTarget, is_admin = false }), Need.Admin),
        new("DELETE /mlflow/users/delete", HttpMethod.Delete, _ => "users/delete", w => Json(new { username = w.Extra }), Need.Admin,
            async (w, a) =>
            {
                w.Extra = Unique("doomed");
                await a.Admin.OkPostAsync("users/create", Json(new { username = w.Extra, password = AuthServerFixture.Password }));
            }),
        Get("/fathom/users/list", _ => F + "users/list", Need.Admin),
        Post("/fathom/users/tokens/create", F + "users/tokens/create", _ => Json(new { name = "ci" }), Need.AnyUser),
        Get("/fathom/users/tokens/list", _ => F + "users/tokens/list", Need.AnyUser),
        Post("/fathom/users/tokens/revoke", F + "users/tokens/revoke", w => Json(new { token_id = w.Extra }), Need.AnyUser,
            async (w, a) => w.Extra = (await a.Self.OkPostAsync(F + "users/tokens/create", "{}")).GetProperty("token_info").GetProperty("token_id").GetString()!),
        Get("/fathom/audit/search", w => $"{F}audit/search?resource_type=experiment&resource_id={w.ExperimentId}", Need.Read),
        Get("/fathom/audit/search", _ => $"{F}audit/search?max_results=5", Need.Admin),

        .. RegistryCases(),
        .. PermissionCases("experiments", "experiment_id", w => w.ExperimentId),
        .. PermissionCases("registered-models", "name", w => w.Model),
    ];

    /// <summary>The world's model has version 1 with alias "champion".</summary>
    private static MatrixCase MultipartCase(string action, Func<World, string?> body) =>
        new($"POST /mlflow-artifacts/mpu/{action}/{{**path}}", HttpMethod.Post, w => $"{Mpu}{action}/{w.ArtifactFolder}", body,
            Need.Update, AllowedStatus: HttpStatusCode.NotImplemented);

    private static IEnumerable<MatrixCase> RegistryCases()
    {
        const string m = "/mlflow/registered-models/";
        const string v = "/mlflow/model-versions/";
        yield return Post(m + "create", "registered-models/create", _ => Json(new { name = Unique("model") }), Need.AnyUser);
        yield return Get(m + "get", w => $"registered-models/get?name={w.Model}", Need.Read);
        yield return Post(m + "rename", "registered-models/rename", w => Json(new { name = w.Model, new_name = Unique("renamed") }), Need.Update);
        yield return new("PATCH " + m + "update", HttpMethod.Patch, _ => "registered-models/update", w => Json(new { name = w.Model, description = "d" }), Need.Update);
        yield return new("DELETE " + m + "delete", HttpMethod.Delete, _ => "registered-models/delete", w => Json(new { name = w.Model }), Need.Delete);
        yield return Get(m + "search", _ => "registered-models/search?max_results=10", Need.AnyUser);
        yield return Get(m + "get-latest-versions", w => $"registered-models/get-latest-versions?name={w.Model}", Need.Read);
        yield return Post(m + "get-latest-versions", "registered-models/get-latest-versions", w => Json(new { name = w.Model }), Need.Read);
        yield return Post(m + "set-tag", "registered-models/set-tag", w => Json(new { name = w.Model, key = "k", value = "v" }), Need.Update);
        yield return new("DELETE " + m + "delete-tag", HttpMethod.Delete, _ => "registered-models/delete-tag", w => Json(new { name = w.Model, key = "k" }), Need.Update,
            (w, a) => a.Admin.OkPostAsync("registered-models/set-tag", Json(new { name = w.Model, key = "k", value = "v" })));
        yield return Post(m + "alias", "registered-models/alias", w => Json(new { name = w.Model, alias = "champion", version = "1" }), Need.Update);
        yield return new("DELETE " + m + "alias", HttpMethod.Delete, _ => "registered-models/alias", w => Json(new { name = w.Model, alias = "champion" }), Need.Delete);
        yield return Get(m + "alias", w => $"registered-models/alias?name={w.Model}&alias=champion", Need.Read);

        yield return Post(v + "create", "model-versions/create",
            w => Json(new { name = w.Model, source = $"mlflow-artifacts:/{w.ArtifactFolder}/model", run_id = w.RunId }), Need.Update);
        yield return Get(v + "get", w => $"model-versions/get?name={w.Model}&version=1", Need.Read);
        yield return new("PATCH " + v + "update", HttpMethod.Patch, _ => "model-versions/update", w => Json(new { name = w.Model, version = "1", description = "d" }), Need.Update);
        yield return new("DELETE " + v + "delete", HttpMethod.Delete, _ => "model-versions/delete", w => Json(new { name = w.Model, version = "1" }), Need.Delete);
        yield return Get(v + "search", w => $"model-versions/search?filter={Uri.EscapeDataString($"name='{w.Model}'")}", Need.AnyUser);
        yield return Post(v + "set-tag", "model-versions/set-tag", w => Json(new { name = w.Model, version = "1", key = "k", value = "v" }), Need.Update);
        yield return new("DELETE " + v + "delete-tag", HttpMethod.Delete, _ => "model-versions/delete-tag", w => Json(new { name = w.Model, version = "1", key = "k" }), Need.Delete,
            (w, a) => a.Admin.OkPostAsync("model-versions/set-tag", Json(new { name = w.Model, version = "1", key = "k", value = "v" })));
        yield return Get(v + "get-download-uri", w => $"model-versions/get-download-uri?name={w.Model}&version=1", Need.Read);
        yield return Post(v + "transition-stage", "model-versions/transition-stage",
            w => Json(new { name = w.Model, version = "1", stage = "Staging", archive_existing_versions = false }), Need.Update);
    }

    private static IEnumerable<MatrixCase> PermissionCases(string resource, string field, Func<World, string> id)
    {
        var route = $"/mlflow/{resource}/permissions/";
        string Body(World w, string user, string? permission) =>
            Json(new Dictionary<string, string?> { [field] = id(w), ["username"] = user, ["permission"] = permission });
        Task Grant(World w, MatrixActors a) => a.Admin.OkPostAsync($"{resource}/permissions/create", Body(w, SharedTarget, "READ"));
        yield return Post(route + "create", $"{resource}/permissions/create", w => Body(w, SharedTarget, "EDIT"), Need.Manage);
        yield return Get(route + "get", w => $"{resource}/permissions/get?{field}={id(w)}&username=reader", Need.Manage);
        yield return new("PATCH " + route + "update", HttpMethod.Patch, _ => $"{resource}/permissions/update", w => Body(w, SharedTarget, "MANAGE"), Need.Manage, Grant);
        yield return new("DELETE " + route + "delete", HttpMethod.Delete, _ => $"{resource}/permissions/delete", w => Body(w, SharedTarget, null), Need.Manage, Grant);
    }

    private static Task Upload(World w, MatrixActors a) => a.Admin.SendAsync(HttpMethod.Put, $"{A}/{w.ArtifactFolder}/f.txt", "hello", "text/plain");

    private static MatrixCase Get(string route, Func<World, string> path, Need need) => new("GET " + route, HttpMethod.Get, path, _ => null, need);

    private static MatrixCase Post(string route, string path, Func<World, string?> body, Need need, Func<World, MatrixActors, Task>? prepare = null) =>
        new("POST " + route, HttpMethod.Post, _ => path, body, need, prepare);
}
