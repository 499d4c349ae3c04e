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
public sealed record SearchSql(string Joins, string Where, string OrderBy, IReadOnlyDictionary<string, object?> Parameters);

/// <summary>Translates MLflow search filter strings and order_by clauses into <see cref="SearchSql"/>.</summary>
public interface ISearchTranslator
{
    SearchSql TranslateRuns(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect);

    SearchSql TranslateExperiments(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect);
}
