using System.Diagnostics;

namespace Fathom.Client.Tracking;

/// <summary>
/// The git state of a working tree, read by running the <c>git</c> command (no native library to ship).
/// Null when git is missing, the directory is not a repository, or git does not answer in time.
/// </summary>
internal sealed record GitInfo(string Commit, string? Branch, string? RepoUrl, bool Dirty)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static GitInfo? Read(string directory)
    {
        var commit = Git(directory, "rev-parse HEAD");
        if (commit is null)
            return null;
        var branch = Git(directory, "rev-parse --abbrev-ref HEAD");
        var remote = Git(directory, "remote")?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        // Prefer origin, as MLflow does; else whichever remote exists.
        var remoteName = remote.Contains("origin") ? "origin" : remote.FirstOrDefault();
        var url = remoteName is null ? null : Git(directory, $"remote get-url {remoteName}");
        var status = Git(directory, "status --porcelain --untracked-files=no");
        return new GitInfo(commit, branch is "HEAD" ? null : branch, url, status is { Length: > 0 });
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult().Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
