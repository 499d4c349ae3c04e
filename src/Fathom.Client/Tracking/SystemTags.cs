using System.Reflection;

namespace Fathom.Client.Tracking;

/// <summary>
/// MLflow's system tags for a new run (<c>mlflow/utils/mlflow_tags.py</c>), so every run can be traced to the
/// program, user and commit that produced it.
/// </summary>
internal static class SystemTags
{
    public const string SourceName = "mlflow.source.name";
    public const string SourceType = "mlflow.source.type";
    public const string User = "mlflow.user";
    public const string RunName = "mlflow.runName";
    public const string ParentRunId = "mlflow.parentRunId";
    public const string GitCommit = "mlflow.source.git.commit";
    public const string GitBranch = "mlflow.source.git.branch";
    public const string GitRepoUrl = "mlflow.source.git.repoURL";
    public const string GitDirty = "fathom.source.git.dirty";

    // The working tree does not change during a process's life; read git once.
    private static readonly Lazy<GitInfo?> Git = new(() => GitInfo.Read(Environment.CurrentDirectory));

    public static List<RunTag> ForNewRun(string? runName, string? parentRunId, IReadOnlyList<RunTag>? userTags)
    {
        var tags = new Dictionary<string, string>
        {
            [SourceName] = SourceNameOfProcess(),
            [SourceType] = "LOCAL",
            [User] = Environment.UserName,
        };
        if (runName is not null)
            tags[RunName] = runName;
        if (parentRunId is not null)
            tags[ParentRunId] = parentRunId;
        if (Git.Value is { } git)
        {
            tags[GitCommit] = git.Commit;
            if (git.Branch is not null)
                tags[GitBranch] = git.Branch;
            if (git.RepoUrl is not null)
                tags[GitRepoUrl] = git.RepoUrl;
            tags[GitDirty] = git.Dirty ? "true" : "false";
        }
        // The caller's own tags win over the defaults.
        foreach (var tag in userTags ?? [])
            tags[tag.Key] = tag.Value;
        return [.. tags.Select(t => new RunTag(t.Key, t.Value))];
    }

    private static string SourceNameOfProcess() =>
        Assembly.GetEntryAssembly()?.Location is { Length: > 0 } location ? location
        : Environment.ProcessPath ?? AppDomain.CurrentDomain.FriendlyName;
}
