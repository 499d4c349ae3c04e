using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Search;

/// <summary>
/// Turns a registry filter and order_by into SQL over <c>registered_models</c> or <c>model_versions</c> and their tag
/// tables. Tag comparisons on one key must hold for that one tag (MLflow groups them per key), so each key becomes one
/// EXISTS over the tag table with all of its comparisons.
/// </summary>
internal static class RegistrySearchSql
{
    public static SearchSql RegisteredModels(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect)
    {
        var clauses = RegistryFilterParser.Parse(filter, RegistrySearchKind.RegisteredModels);
        var order = RegistryOrderByParser.RegisteredModels(orderBy);
        var parameters = new SqlParameters();
        var conditions = clauses.Where(c => c.Entity == SearchEntity.Attribute)
            .Select(c => SqlComparison.Render($"registered_models.{c.Key}", c.Comparator, c.Value.Text!, dialect, parameters))
            .Concat(TagConditions(clauses, "registered_model_tags", "t.name = registered_models.name", dialect, parameters));
        return new SearchSql("", string.Join(" AND ", conditions), order, parameters.Values);
    }

    public static SearchSql ModelVersions(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect)
    {
        var clauses = RegistryFilterParser.Parse(filter, RegistrySearchKind.ModelVersions);
        var order = RegistryOrderByParser.ModelVersions(orderBy);
        var parameters = new SqlParameters();
        var conditions = clauses.Where(c => c.Entity == SearchEntity.Attribute)
            .Select(c => SqlComparison.Render($"model_versions.{RegistrySearchGrammar.VersionColumn(c.Key)}", c.Comparator,
                Operand(c), dialect, parameters))
            .Concat(TagConditions(clauses, "model_version_tags",
                "t.name = model_versions.name AND t.version = model_versions.version", dialect, parameters));
        return new SearchSql("", string.Join(" AND ", conditions), order, parameters.Values);
    }

    private static object Operand(SearchClause clause) =>
        clause.Value.List ?? (clause.Value.Number is not null ? clause.Value.NumberForColumn : clause.Value.Text!);

    private static IEnumerable<string> TagConditions(
        IReadOnlyList<SearchClause> clauses, string table, string join, SqlDialect dialect, SqlParameters parameters)
    {
        var byKey = clauses.Where(c => c.Entity == SearchEntity.Tag).GroupBy(c => c.Key, StringComparer.Ordinal);
        foreach (var group in byKey)
        {
            var key = parameters.Add(group.Key);
            var values = group.Select(c => SqlComparison.Render("t.value", c.Comparator, c.Value.Text!, dialect, parameters));
            yield return $"EXISTS (SELECT 1 FROM {table} t WHERE {join} AND t.key = {key} AND {string.Join(" AND ", values)})";
        }
    }
}
