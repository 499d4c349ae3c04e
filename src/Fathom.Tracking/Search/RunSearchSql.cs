using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Search;

/// <summary>
/// Turns a runs/search filter and order_by into SQL over MLflow's tables. Every filter clause is an indexed
/// EXISTS probe on (run_uuid, key), so a query never multiplies rows; every metric/param/tag order_by key is one
/// LEFT JOIN on (run_uuid, key). Ordering follows MLflow's SqlAlchemyStore: per key, runs without a value sort
/// last in either direction (and NaN metrics just before them), then start_time DESC and run_uuid break ties.
/// </summary>
internal static class RunSearchSql
{
    private const string RunNameTag = "mlflow.runName";
    private const string DatasetContextTag = "mlflow.data.context";

    public static SearchSql Translate(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect)
    {
        var clauses = RunFilterParser.Parse(filter);
        var order = RunOrderByParser.Parse(orderBy);
        var parameters = new SqlParameters();
        var where = string.Join(" AND ", clauses.Select((clause, i) => Condition(clause, $"sf{i}", dialect, parameters)));
        var joins = new List<string>();
        var orderTerms = new List<string>();
        for (var i = 0; i < order.Count; i++)
        {
            orderTerms.AddRange(OrderTerms(order[i], $"so{i}", dialect, parameters, joins));
        }

        if (!order.Any(o => o.Entity == SearchEntity.Attribute && o.Key == "start_time"))
        {
            orderTerms.Add("runs.start_time DESC");
        }

        orderTerms.Add("runs.run_uuid ASC");
        // The leading metric's join and presence term are what the segment replaces; its value term stays first.
        var leading = order.Count > 0 && order[0].Entity == SearchEntity.Metric
            ? new LeadingMetricOrder("so0", parameters.Add(order[0].Key), string.Join(" ", joins.Skip(1)), string.Join(", ", orderTerms.Skip(1)))
            : null;
        return new SearchSql(string.Join(" ", joins), where, string.Join(", ", orderTerms), parameters.Values) { LeadingMetric = leading };
    }

    private static string Condition(SearchClause clause, string alias, SqlDialect dialect, SqlParameters parameters)
    {
        string Compare(string column, object value) => SqlComparison.Render(column, clause.Comparator, value, dialect, parameters);
        object text = clause.Value.List ?? (object?)clause.Value.Text!;

        switch (clause.Entity)
        {
            case SearchEntity.Attribute when clause.Key == "run_name":
                // As MLflow does: the run name lives in the mlflow.runName tag (the runs.name column may be empty for
                // runs an older client logged).
                return KeyedExists("tags", alias, RunNameTag, column => Compare(column, text), parameters);
            case SearchEntity.Attribute when RunSearchGrammar.NumericAttributes.Contains(clause.Key):
                return Compare($"runs.{RunColumn(clause.Key)}", clause.Value.NumberForColumn);
            case SearchEntity.Attribute:
                return Compare($"runs.{RunColumn(clause.Key)}", text);
            case SearchEntity.Metric:
                return KeyedExists("latest_metrics", alias, clause.Key, column => Compare(column, clause.Value.Number!.Value), parameters);
            case SearchEntity.Param:
                return KeyedExists("params", alias, clause.Key, column => Compare(column, text), parameters);
            case SearchEntity.Tag:
                return KeyedExists("tags", alias, clause.Key, column => Compare(column, text), parameters);
            default:
                return DatasetExists(clause, alias, Compare);
        }
    }

    private static string KeyedExists(string table, string alias, string key, Func<string, string> valueCondition, SqlParameters parameters)
    {
        var keyParameter = parameters.Add(key);
        return $"EXISTS (SELECT 1 FROM {table} {alias} WHERE {alias}.run_uuid = runs.run_uuid AND {alias}.key = {keyParameter} "
            + $"AND {valueCondition($"{alias}.value")})";
    }

    private static string DatasetExists(SearchClause clause, string alias, Func<string, object, string> compare)
    {
        object value = clause.Value.List ?? (object?)clause.Value.Text!;
        var inputs = $"FROM inputs {alias}i JOIN datasets {alias}d ON {alias}d.dataset_uuid = {alias}i.source_id";
        // The type columns let the probe use the inputs (destination_type, destination_id, source_type) index.
        var run = $"{alias}i.destination_type = 'RUN' AND {alias}i.destination_id = runs.run_uuid AND {alias}i.source_type = 'DATASET'";
        if (clause.Key == "context")
        {
            return $"EXISTS (SELECT 1 {inputs} JOIN input_tags {alias}t ON {alias}t.input_uuid = {alias}i.input_uuid "
                + $"WHERE {run} AND {alias}t.name = '{DatasetContextTag}' AND {compare($"{alias}t.value", value)})";
        }

        return $"EXISTS (SELECT 1 {inputs} WHERE {run} AND {compare($"{alias}d.{clause.Key}", value)})";
    }

    private static IEnumerable<string> OrderTerms(OrderByClause clause, string alias, SqlDialect dialect, SqlParameters parameters, List<string> joins)
    {
        var direction = clause.Ascending ? "ASC" : "DESC";
        if (clause.Entity == SearchEntity.Attribute)
        {
            var column = $"runs.{RunColumn(clause.Key)}";
            return [$"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END", $"{column} {direction}"];
        }

        var table = clause.Entity switch
        {
            SearchEntity.Metric => "latest_metrics",
            SearchEntity.Param => "params",
            _ => "tags",
        };
        joins.Add($"LEFT JOIN {table} {alias} ON {alias}.run_uuid = runs.run_uuid AND {alias}.key = {parameters.Add(clause.Key)}");
        var presence = clause.Entity == SearchEntity.Metric
            ? $"CASE WHEN {IsNan(alias, dialect)} THEN 1 WHEN {alias}.value IS NULL THEN 2 ELSE 0 END"
            : $"CASE WHEN {alias}.value IS NULL THEN 1 ELSE 0 END";
        return [presence, $"{alias}.value {direction}"];
    }

    private static string IsNan(string alias, SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? $"{alias}.is_nan" : $"{alias}.is_nan = 1";

    private static string RunColumn(string attribute) => attribute switch
    {
        "run_id" => "run_uuid",
        "run_name" => "name",
        _ => attribute,
    };
}
