namespace Fathom.TestSupport;

/// <summary>A private temporary folder per test, so tests run in parallel without sharing files.</summary>
internal sealed class TestFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-tests-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The project's shared datasets (../shared/data beside the repository root), present in CI.</summary>
    public static string SharedData(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fathom.slnx"))) dir = dir.Parent;
        var path = Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", file));
        Assert.True(File.Exists(path), $"shared dataset {path} is missing (see /work/shared/data/README.md)");
        return path;
    }

    public static string Weather => SharedData("seattle-weather.csv");
}
