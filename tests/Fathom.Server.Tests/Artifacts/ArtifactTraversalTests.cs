using System.Net;
using System.Text.Json;
using Fathom.Server.Tests.Infrastructure;

namespace Fathom.Server.Tests.Artifacts;

/// <summary>
/// Hostile artifact paths sent exactly as an attacker would, over a raw socket: each is refused with MLflow's 400 body
/// and nothing is ever written outside the artifacts root.
/// </summary>
public sealed class ArtifactTraversalTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Service = "/api/2.0/mlflow-artifacts/artifacts/";

    public static TheoryData<string, string> UnsafeTargets()
    {
        string[] paths =
        [
            "a/%2e%2e/%2e%2e/escape.txt", "%2e%2e%2f%2e%2e%2fescape.txt", "a/..%2f..%2fescape.txt", "a/%2E%2E/escape.txt",
            "%252e%252e/%252e%252e/escape.txt", "a%5c..%5c..%5cescape.txt", "a%0ab.txt", "a%01b.txt", "%2fetc%2fpasswd",
            "a/../escape.txt", "./../escape.txt", "C:%5cescape.txt", "../../../../../../tmp/escape.txt",
        ];
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "PUT", "GET", "DELETE" })
            foreach (var path in paths)
                data.Add(method, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(UnsafeTargets))]
    public async Task An_unsafe_path_in_the_url_is_400_INVALID_PARAMETER_VALUE(string method, string path)
    {
        var response = await RawHttp.SendAsync(server.App.ListeningUri(), method, Service + path, method == "PUT" ? [1, 2, 3] : null);

        Assert.Equal(400, response.Status);
        var error = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.StartsWith("Invalid path", error.GetProperty("message").GetString());
        AssertNothingEscaped();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("%2e%2e")]
    [InlineData("/etc")]
    [InlineData("a%5c..%5c..")]
    public async Task An_unsafe_listing_path_is_400_INVALID_PARAMETER_VALUE(string path)
    {
        var listing = await server.Api.GetAsync($"/api/2.0/mlflow-artifacts/artifacts?path={path}");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (listing.Status, listing.ErrorCode));

        var runId = await server.Api.CreateRunAsync(await server.Api.CreateExperimentAsync());
        var runListing = await server.Api.GetAsync($"artifacts/list?run_id={runId}&path={path}");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (runListing.Status, runListing.ErrorCode));
    }

    [Fact]
    public async Task A_NUL_byte_in_the_url_is_refused_by_Kestrel_before_any_handler()
    {
        var response = await RawHttp.SendAsync(server.App.ListeningUri(), "PUT", Service + "a%00b.txt", [1]);

        Assert.Equal(400, response.Status);
        AssertNothingEscaped();
    }

    [Theory]
    [InlineData("a/..%2f..%2fescape.txt")]
    [InlineData("%2e%2e%5cescape.txt")]
    public async Task HttpClient_requests_with_encoded_traversal_are_refused_too(string path)
    {
        // HttpClient's Uri folds "%2e%2e/" segments itself; encoded separators survive it and reach the server.
        using var request = new HttpRequestMessage(HttpMethod.Put, Service + path) { Content = new ByteArrayContent([1]) };
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNothingEscaped();
    }

    private void AssertNothingEscaped()
    {
        var tempRoot = Path.GetDirectoryName(server.DataDirectory)!;
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "escape.txt")));
        Assert.False(File.Exists(Path.Combine(tempRoot, "escape.txt")));
        Assert.False(File.Exists("/tmp/escape.txt"));
        var artifacts = Path.Combine(server.DataDirectory, "artifacts");
        if (Directory.Exists(artifacts))
            Assert.Empty(Directory.GetFiles(artifacts, "*escape*", SearchOption.AllDirectories));
    }
}
