namespace Fathom.Tracking.Stores;

/// <summary>Which SQL the fragments of a <see cref="SearchSql"/> must be written in.</summary>
public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The seam between the search grammar and the stores: what a filter and order_by turn into. The store runs
/// <c>SELECT runs.run_uuid FROM runs {Joins} WHERE &lt;experiment and lifecycle filter&gt; AND ({Where})
/// ORDER BY {OrderBy} LIMIT/OFFSET</c> (experiments: <c>FROM experiments</c>), then loads the page set-based.
/// Fragments reference the MLflow tables by name; values travel in <see cref="Parameters"/> whose names
/// (with the <c>@</c>) must start with <c>@s</c> so they never clash with the store's own parameters.
/// </summary>
public sealed record SearchSql(string Joins, string Where, string OrderBy, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>Set when the first order_by key is a metric: lets the store read the page in that metric's order.</summary>
    public LeadingMetricOrder? LeadingMetric { get; init; }
}

/// <summary>
/// The runs that have a non-NaN value for the leading order_by metric come first, in value order. The store reads
/// them as <c>FROM latest_metrics {Alias} CROSS JOIN runs {Joins} WHERE {Alias}.key = {KeyParameter} AND
/// {Alias}.is_nan = false AND runs.run_uuid = {Alias}.run_uuid ... ORDER BY {OrderBy}</c>, which walks the
/// (key, is_nan, value) index and stops at the page's end; the rest (NaN, then missing) follow in the full order.
/// </summary>
public sealed record LeadingMetricOrder(string Alias, string KeyParameter, string Joins, string OrderBy);

/// <summary>Translates MLflow search filter strings and order_by clauses into <see cref="SearchSql"/>.</summary>
public interface ISearchTranslator
{
    SearchSql TranslateRuns(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect);

    SearchSql TranslateExperiments(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect);
}
