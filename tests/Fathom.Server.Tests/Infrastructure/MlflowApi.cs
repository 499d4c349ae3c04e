using System.Net;
using System.Text;
using System.Text.Json;

namespace Fathom.Server.Tests.Infrastructure;

/// <summary>A response as the wire has it: status and parsed JSON body (default when the body is not JSON).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Body)
{
    public string ErrorCode => Json.GetProperty("error_code").GetString()!;

    public string Message => Json.GetProperty("message").GetString()!;
}

/// <summary>
/// Calls the server with raw JSON text, independent of the server's own DTOs, so the tests check the wire contract.
/// </summary>
public sealed class MlflowApi(HttpClient http)
{
    public const string Prefix = "/api/2.0/mlflow/";

    public async Task<ApiResponse> PostAsync(string path, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await http.PostAsync(Resolve(path), content);
        return await ReadAsync(response);
    }

    public async Task<ApiResponse> GetAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(Resolve(pathAndQuery));
        return await ReadAsync(response);
    }

    /// <summary>Any method, with an optional body (JSON unless another content type is named; PATCH and DELETE carry JSON in MLflow's API).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, Resolve(path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>POSTs and asserts a 200, returning the JSON body.</summary>
    public async Task<JsonElement> OkPostAsync(string path, string json)
    {
        var response = await PostAsync(path, json);
        Assert.True(response.Status == HttpStatusCode.OK, $"POST {path} -> {(int)response.Status}: {response.Body}");
        return response.Json;
    }

    public async Task<JsonElement> OkGetAsync(string pathAndQuery)
    {
        var response = await GetAsync(pathAndQuery);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET {pathAndQuery} -> {(int)response.Status}: {response.Body}");
        return response.Json;
    }

    public async Task<string> CreateExperimentAsync(string? name = null) =>
        (await OkPostAsync("experiments/create", Json(new { name = name ?? Unique("exp") })))
        .GetProperty("experiment_id").GetString()!;

    public async Task<string> CreateRunAsync(string experimentId, string runName = "run")
    {
        var body = await OkPostAsync("runs/create",
            Json(new { experiment_id = experimentId, run_name = runName, start_time = 1700000000000, user_id = "tester" }));
        return body.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Resolve(string path) => path.StartsWith('/') ? path : Prefix + path;

    private static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && body.Length > 0)
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }

        return new ApiResponse(response.StatusCode, json, body);
    }
}
