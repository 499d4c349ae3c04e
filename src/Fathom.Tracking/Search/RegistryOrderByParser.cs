using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// MLflow's registry order_by rules, as SQL column terms. Registered models: <c>name</c>, or <c>timestamp</c> /
/// <c>last_updated_timestamp</c> (both the last update), tie-broken by name ascending. Model versions: <c>name</c>,
/// <c>version_number</c>, <c>creation_timestamp</c>, <c>last_updated_timestamp</c>, by default
/// <c>last_updated_timestamp DESC, name ASC, version_number DESC</c>, tie-broken by name ascending then version descending.
/// A column named twice is an error.
/// </summary>
internal static class RegistryOrderByParser
{
    private static readonly IReadOnlySet<string> ModelKeys = new HashSet<string> { "name", "timestamp", "last_updated_timestamp" };
    private static readonly string[] RecommendedModelKeys = ["name", "timestamp"];
    private static readonly IReadOnlySet<string> VersionKeys =
        new HashSet<string> { "name", "version_number", "creation_timestamp", "last_updated_timestamp" };

    private static readonly string[] DefaultVersionOrder = ["last_updated_timestamp DESC", "name ASC", "version_number DESC"];

    public static string RegisteredModels(IReadOnlyList<string>? orderBy)
    {
        var terms = new List<(string Column, bool Ascending)>();
        foreach (var entry in orderBy ?? [])
        {
            var (identifier, ascending) = OrderByText.Parse(entry);
            identifier = identifier.Trim();
            if (!ModelKeys.Contains(identifier))
            {
                throw FathomException.InvalidParameter(
                    $"Invalid order by key '{identifier}' specified. Valid keys are '{SearchText.PythonSet(RecommendedModelKeys)}'");
            }

            Add(terms, identifier == "name" ? "name" : "last_updated_time", ascending, orderBy!);
        }

        AddTieBreaker(terms, "name", ascending: true);
        return string.Join(", ", terms.Select(t => $"registered_models.{t.Column} {(t.Ascending ? "ASC" : "DESC")}"));
    }

    public static string ModelVersions(IReadOnlyList<string>? orderBy)
    {
        var entries = orderBy is { Count: > 0 } ? orderBy : DefaultVersionOrder;
        var terms = new List<(string Column, bool Ascending)>();
        foreach (var entry in entries)
        {
            var (identifier, ascending) = OrderByText.Parse(entry);
            var (_, key) = RegistrySearchGrammar.ResolveIdentifier(identifier.Trim(), VersionKeys);
            if (!VersionKeys.Contains(key))
            {
                throw FathomException.InvalidParameter(
                    $"Invalid order by key '{key}' specified. Valid keys are {SearchText.PythonSet(VersionKeys)}");
            }

            Add(terms, RegistrySearchGrammar.VersionColumn(key), ascending, entries);
        }

        AddTieBreaker(terms, "name", ascending: true);
        AddTieBreaker(terms, "version", ascending: false);
        return string.Join(", ", terms.Select(t => $"model_versions.{t.Column} {(t.Ascending ? "ASC" : "DESC")}"));
    }

    private static void Add(List<(string Column, bool Ascending)> terms, string column, bool ascending, IReadOnlyList<string> orderBy)
    {
        if (terms.Any(t => t.Column == column))
        {
            // MLflow raises this without an error code (a 500); it is the caller's mistake, so 400 here.
            throw FathomException.InvalidParameter($"`order_by` contains duplicate fields: {SearchText.PythonSequence(orderBy)}");
        }

        terms.Add((column, ascending));
    }

    private static void AddTieBreaker(List<(string Column, bool Ascending)> terms, string column, bool ascending)
    {
        if (!terms.Any(t => t.Column == column))
        {
            terms.Add((column, ascending));
        }
    }
}
