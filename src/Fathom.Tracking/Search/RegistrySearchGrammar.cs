namespace Fathom.Tracking.Search;

/// <summary>Which registry search a filter or order_by belongs to.</summary>
internal enum RegistrySearchKind
{
    RegisteredModels,
    ModelVersions,
}

/// <summary>
/// MLflow's model registry search vocabulary (<c>SearchModelUtils</c>, <c>SearchModelVersionUtils</c> and the SQL
/// store's checks): which attributes each search knows, their columns, and the comparators each accepts.
/// </summary>
internal static class RegistrySearchGrammar
{
    public static readonly IReadOnlySet<string> ModelAttributes = new HashSet<string> { "name" };
    public static readonly IReadOnlySet<string> VersionAttributes = new HashSet<string> { "name", "version_number", "run_id", "source_path" };

    /// <summary>MLflow's numeric model version attributes; only version_number is also searchable.</summary>
    public static readonly IReadOnlySet<string> NumericAttributes =
        new HashSet<string> { "version_number", "creation_timestamp", "last_updated_timestamp" };

    public static readonly IReadOnlySet<string> TagComparators = new HashSet<string> { "=", "!=", "LIKE", "ILIKE" };
    public static readonly IReadOnlySet<string> VersionStringComparators = new HashSet<string> { "=", "!=", "LIKE", "ILIKE", "IN" };
    public static readonly IReadOnlySet<string> NumericComparators = RunSearchGrammar.MetricComparators;

    public static IReadOnlySet<string> AttributesOf(RegistrySearchKind kind) =>
        kind == RegistrySearchKind.RegisteredModels ? ModelAttributes : VersionAttributes;

    /// <summary>The model_versions column behind a filter or order_by attribute.</summary>
    public static string VersionColumn(string attribute) => attribute switch
    {
        "version_number" => "version",
        "source_path" => "source",
        "creation_timestamp" => "creation_time",
        "last_updated_timestamp" => "last_updated_time",
        _ => attribute,
    };

    /// <summary>MLflow's <c>_get_model_search_identifier</c>: the attribute key is checked before quotes are removed.</summary>
    public static (SearchEntity Entity, string Key) ResolveIdentifier(string identifier, IReadOnlySet<string> validAttributes)
    {
        var (entity, rawKey) = SearchText.SplitAttributeOrTag(identifier);
        return entity == SearchEntity.Attribute && !validAttributes.Contains(rawKey)
            ? throw SearchText.InvalidAttribute(rawKey, validAttributes)
            : (entity, SearchText.TrimBackticks(SearchText.StripQuotes(rawKey)));
    }
}
