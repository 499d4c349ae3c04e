namespace Fathom.Tracking.Search;

/// <summary>MLflow's experiment search vocabulary (<c>SearchExperimentsUtils</c>): attributes and tags only.</summary>
internal static class ExperimentSearchGrammar
{
    public static readonly IReadOnlySet<string> SearchableAttributes = new HashSet<string> { "name", "creation_time", "last_update_time" };
    public static readonly IReadOnlySet<string> OrderableAttributes =
        new HashSet<string> { "name", "experiment_id", "creation_time", "last_update_time" };

    public static readonly IReadOnlySet<string> NumericAttributes = new HashSet<string> { "creation_time", "last_update_time" };
    public static readonly IReadOnlySet<string> StringComparators = new HashSet<string> { "=", "!=", "LIKE", "ILIKE" };
    public static readonly IReadOnlySet<string> NumericComparators = RunSearchGrammar.MetricComparators;

    /// <summary>MLflow's experiment identifier: quotes are removed before the attribute key is checked.</summary>
    public static (SearchEntity Entity, string Key) ResolveIdentifier(string identifier, IReadOnlySet<string> validAttributes)
    {
        var (entity, rawKey) = SearchText.SplitAttributeOrTag(identifier);
        var key = SearchText.TrimBackticks(SearchText.StripQuotes(rawKey));
        return entity == SearchEntity.Attribute && !validAttributes.Contains(key)
            ? throw SearchText.InvalidAttribute(key, validAttributes)
            : (entity, key);
    }
}
