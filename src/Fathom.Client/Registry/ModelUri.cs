namespace Fathom.Client;

/// <summary>What a model URI names.</summary>
public enum ModelUriKind
{
    /// <summary><c>models:/name/3</c>: one numbered version.</summary>
    Version,

    /// <summary><c>models:/name@champion</c>: the version an alias points to.</summary>
    Alias,

    /// <summary><c>models:/name/Production</c>: the newest version in a stage.</summary>
    Stage,

    /// <summary><c>models:/name/latest</c>: the newest version in any stage.</summary>
    Latest,

    /// <summary><c>runs:/&lt;run_id&gt;/path</c>: a path under a run's artifacts.</summary>
    Run,
}

/// <summary>
/// A parsed model URI, with MLflow's rules (<c>_parse_model_uri</c>, <c>RunsArtifactRepository.parse_runs_uri</c>):
/// <c>models:/name/&lt;version&gt;</c>, <c>models:/name/&lt;stage&gt;</c>, <c>models:/name/latest</c> (any case),
/// <c>models:/name@alias</c>, and <c>runs:/&lt;run_id&gt;/relative/path</c>. Resolve one to the artifact location of
/// its files with <see cref="FathomClient.ResolveModelUriAsync(string, CancellationToken)"/>.
/// </summary>
public sealed record ModelUri
{
    private ModelUri(string text, ModelUriKind kind)
    {
        Text = text;
        Kind = kind;
    }

    /// <summary>The URI as written.</summary>
    public string Text { get; }

    /// <summary>What the URI names.</summary>
    public ModelUriKind Kind { get; }

    /// <summary>The registered model's name (null for <c>runs:/</c>).</summary>
    public string? Name { get; private init; }

    /// <summary>The version number, for <see cref="ModelUriKind.Version"/>.</summary>
    public string? Version { get; private init; }

    /// <summary>The alias, for <see cref="ModelUriKind.Alias"/>.</summary>
    public string? Alias { get; private init; }

    /// <summary>The stage as written, for <see cref="ModelUriKind.Stage"/>.</summary>
    public string? Stage { get; private init; }

    /// <summary>The run, for <see cref="ModelUriKind.Run"/>.</summary>
    public string? RunId { get; private init; }

    /// <summary>The path under the run's artifacts, for <see cref="ModelUriKind.Run"/> (may be empty).</summary>
    public string ArtifactPath { get; private init; } = "";

    /// <summary>Parses a model URI.</summary>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE naming the accepted forms.</exception>
    public static ModelUri Parse(string uri) =>
        TryParse(uri, out var parsed) ? parsed! : throw new FathomException(ErrorCode.INVALID_PARAMETER_VALUE, Explain(uri));

    /// <summary>Parses a model URI; false (and null) when it is not one.</summary>
    public static bool TryParse(string? uri, out ModelUri? parsed)
    {
        parsed = uri switch
        {
            null => null,
            _ when uri.StartsWith("models:", StringComparison.OrdinalIgnoreCase) => ParseModels(uri),
            _ when uri.StartsWith("runs:", StringComparison.OrdinalIgnoreCase) => ParseRuns(uri),
            _ => null,
        };
        return parsed is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static ModelUri? ParseModels(string uri)
    {
        var path = uri["models:".Length..];
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Length <= 1)
            return null;
        var parts = path[1..].Split('/');
        if (parts.Length > 2 || parts[0].Trim().Length == 0)
            return null;
        if (parts.Length == 2)
        {
            var suffix = parts[1];
            if (suffix.Trim().Length == 0)
                return null;
            if (suffix.All(char.IsAsciiDigit))
                return new ModelUri(uri, ModelUriKind.Version) { Name = parts[0], Version = suffix };
            return suffix.Equals("latest", StringComparison.OrdinalIgnoreCase)
                ? new ModelUri(uri, ModelUriKind.Latest) { Name = parts[0] }
                : new ModelUri(uri, ModelUriKind.Stage) { Name = parts[0], Stage = suffix };
        }

        var at = parts[0].Split('@');
        return at.Length == 2 && at[0].Length > 0 && at[1].Length > 0
            ? new ModelUri(uri, ModelUriKind.Alias) { Name = at[0], Alias = at[1] }
            : null;
    }

    private static ModelUri? ParseRuns(string uri)
    {
        var path = uri["runs:".Length..];
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
            return null;
        var parts = path.TrimStart('/').Split('/', 2);
        if (parts[0].Length == 0)
            return null;
        return new ModelUri(uri, ModelUriKind.Run) { RunId = parts[0], ArtifactPath = parts.Length == 2 ? parts[1].Trim('/') : "" };
    }

    private static string Explain(string uri) =>
        uri.StartsWith("runs:", StringComparison.OrdinalIgnoreCase)
            ? $"Not a proper runs:/ URI: {uri}. Runs URIs must be of the form 'runs:/<run_id>/run-relative/path/to/artifact'"
            : $"Not a proper models:/ URI: {uri}. Models URIs must be of the form 'models:/model_name/suffix' or "
              + "'models:/model_name@alias' where suffix is a model version, stage, or the string 'latest' and where alias is a "
              + "registered model alias. Only one of suffix or alias can be defined at a time. Run URIs are 'runs:/<run_id>/path'.";
}
