using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Search;

/// <summary>
/// Turns an experiments/search filter and order_by into SQL over <c>experiments</c> and <c>experiment_tags</c>,
/// as MLflow's SqlAlchemyStore orders them (no special placement of missing values).
/// </summary>
internal static class ExperimentSearchSql
{
    public static SearchSql Translate(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect)
    {
        var clauses = ExperimentFilterParser.Parse(filter);
        var order = ExperimentOrderByParser.Parse(orderBy);
        var parameters = new SqlParameters();
        var where = string.Join(" AND ", clauses.Select((clause, i) => Condition(clause, $"sf{i}", dialect, parameters)));
        var orderTerms = order.Select(o => $"experiments.{o.Key} {(o.Ascending ? "ASC" : "DESC")}");
        return new SearchSql("", where, string.Join(", ", orderTerms), parameters.Values);
    }

    private static string Condition(SearchClause clause, string alias, SqlDialect dialect, SqlParameters parameters)
    {
        if (clause.Entity == SearchEntity.Tag)
        {
            var key = parameters.Add(clause.Key);
            var value = SqlComparison.Render($"{alias}.value", clause.Comparator, clause.Value.Text!, dialect, parameters);
            return $"EXISTS (SELECT 1 FROM experiment_tags {alias} WHERE {alias}.experiment_id = experiments.experiment_id "
                + $"AND {alias}.key = {key} AND {value})";
        }

        object operand = ExperimentSearchGrammar.NumericAttributes.Contains(clause.Key) ? clause.Value.NumberForColumn : clause.Value.Text!;
        return SqlComparison.Render($"experiments.{clause.Key}", clause.Comparator, operand, dialect, parameters);
    }
}
