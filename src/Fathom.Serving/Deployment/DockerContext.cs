using Fathom.Core.Errors;
using Fathom.Serving.Models;

namespace Fathom.Serving.Deployment;

/// <summary>
/// Writes a Docker build context for one model: the model package under <c>model/</c>, the Fathom sources the build
/// stage compiles under <c>fathom-src/</c>, a multi-stage <c>Dockerfile</c> and a <c>.dockerignore</c>.
/// </summary>
public static class DockerContext
{
    public const string ModelFolder = "model";
    public const string SourceFolder = "fathom-src";

    /// <summary>Resolves <paramref name="modelUri"/> (downloading it when remote) and writes the context into <paramref name="outputDir"/>.</summary>
    public static async Task<string> WriteAsync(string modelUri, string? trackingUri, string outputDir, string? sourceRoot, CancellationToken ct = default)
    {
        var source = ModelSources.For(new ServingOptions { ModelUri = modelUri, TrackingUri = trackingUri });
        var model = await source.ResolveAsync(ct);
        var root = sourceRoot ?? FindSourceRoot()
            ?? throw FathomException.InvalidParameter(
                "The Fathom sources were not found (a folder holding Fathom.slnx above the current folder); pass --source DIR.");
        if (!File.Exists(Path.Combine(root, "Fathom.slnx")))
            throw FathomException.InvalidParameter($"'{root}' is not the Fathom source folder: it has no Fathom.slnx.");

        Directory.CreateDirectory(outputDir);
        CopyTree(model.Folder, Path.Combine(outputDir, ModelFolder), _ => true);
        var sources = Path.Combine(outputDir, SourceFolder);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(root, file), Path.Combine(Directory.CreateDirectory(sources).FullName, file), overwrite: true);
        CopyTree(Path.Combine(root, "src"), Path.Combine(sources, "src"), path => !IsBuildOutput(path));
        await File.WriteAllTextAsync(Path.Combine(outputDir, "Dockerfile"), Dockerfile.ForModel(model), ct);
        await File.WriteAllTextAsync(Path.Combine(outputDir, ".dockerignore"), Dockerfile.Ignore, ct);
        return Path.Combine(outputDir, "Dockerfile");
    }

    /// <summary>The nearest folder holding Fathom.slnx, above the current folder or above this program.</summary>
    public static string? FindSourceRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Fathom.slnx"))) return dir.FullName;
        }
        return null;
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    private static void CopyTree(string from, string to, Func<string, bool> include)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (!include(relative)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
