namespace Fathom.Serving.Tests.Deployment;

/// <summary>Paths in the repository the tests run from (found by walking up to Fathom.slnx).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The CLI's build output for the configuration these tests were built in (what `dotnet publish` lays out).</summary>
    public static string CliOutput
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return PathOf(Path.Combine("src", "Fathom.Cli", "bin", configuration, "net10.0"));
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fathom.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Fathom.slnx not found above the test folder.");
    }
}
