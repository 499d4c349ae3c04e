using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Fathom.Serving.Deployment;
using Fathom.Serving.Tests.Fixtures;

namespace Fathom.Serving.Tests.Deployment;

public sealed partial class ModelImageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_generated_context_holds_the_model_sources_and_a_multi_stage_non_root_dockerfile()
    {
        var context = _folder.Combine("context");

        await DockerContext.WriteAsync(TestModels.Regressor, null, context, RepositoryFiles.Root);

        var dockerfile = await File.ReadAllTextAsync(Path.Combine(context, "Dockerfile"));
        Assert.Equal(2, FromLine().Matches(dockerfile).Count);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", dockerfile);
        Assert.Contains("USER app", dockerfile);
        Assert.Contains("HEALTHCHECK", dockerfile);
        Assert.Contains("/health", dockerfile);
        Assert.True(File.Exists(Path.Combine(context, "model", "MLmodel")));
        Assert.True(File.Exists(Path.Combine(context, "fathom-src", "src", "Fathom.Cli", "Fathom.Cli.csproj")));
        Assert.False(Directory.Exists(Path.Combine(context, "fathom-src", "src", "Fathom.Cli", "bin")));
        Assert.Contains("**/bin/", await File.ReadAllTextAsync(Path.Combine(context, ".dockerignore")));
    }

    [Fact]
    public async Task The_app_starts_as_the_dockerfile_entrypoint_starts_it_from_the_same_folder_layout()
    {
        var context = _folder.Combine("context");
        await DockerContext.WriteAsync(TestModels.Regressor, null, context, RepositoryFiles.Root);
        var dockerfile = await File.ReadAllLinesAsync(Path.Combine(context, "Dockerfile"));

        // The image's file system, under a temporary root: /app is the published CLI, /model the COPY'd model.
        var root = _folder.Combine("image");
        CopyTree(RepositoryFiles.CliOutput, root + Dockerfile.AppFolder);
        CopyTree(Path.Combine(context, DockerContext.ModelFolder), root + Dockerfile.ModelFolder);
        var entrypoint = EntrypointArgs().Match(string.Join("\n", dockerfile.Where(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal))))
            .Groups[1].Value.Split(',').Select(a => a.Trim().Trim('"')).ToArray();
        var environment = EnvAssignment().Matches(EnvInstruction(dockerfile)).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var port = FreePort();

        var start = new ProcessStartInfo(entrypoint[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in entrypoint[1..]) start.ArgumentList.Add(arg.StartsWith('/') ? root + arg : arg);
        foreach (var (key, value) in environment) start.Environment[key] = value.StartsWith('/') ? root + value : value;
        // Only what a test machine must change: loopback instead of 0.0.0.0, a free port instead of 8080.
        start.Environment["FATHOM_SERVE_HOST"] = "127.0.0.1";
        start.Environment["FATHOM_SERVE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOME"] = _folder.Path;
        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForHealthAsync(http, process);
            using var response = await http.PostAsync("/invocations", new StringContent(
                """{"dataframe_records": [{"f0": 1, "f1": 1, "f2": 1, "f3": 1, "f4": 1, "f5": 1, "f6": 1, "f7": 1, "f8": 1, "f9": 1}]}""",
                System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("predictions", await response.Content.ReadAsStringAsync());
            Assert.Contains("\"model_name\":\"model\"", (await http.GetStringAsync("/version")).Replace(" ", ""));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail($"The app exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}{await process.StandardOutput.ReadToEndAsync()}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        Assert.Fail("The app did not become healthy within 90 s.");
    }

    /// <summary>The ENV instruction with its continuation lines.</summary>
    private static string EnvInstruction(string[] lines)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith("ENV ", StringComparison.Ordinal));
        var end = start;
        while (lines[end].TrimEnd().EndsWith('\\')) end++;
        return string.Join("\n", lines[start..(end + 1)]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^FROM ", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"ENTRYPOINT \[(.*)\]")]
    private static partial Regex EntrypointArgs();

    [GeneratedRegex(@"(FATHOM_[A-Z_]+|HOME)=(\S+)")]
    private static partial Regex EnvAssignment();
}
