using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// MLflow's experiment order_by rules: attributes only, default <c>creation_time DESC, experiment_id ASC</c>, and
/// <c>experiment_id DESC</c> appended as the tie-breaker when the caller's order does not mention it.
/// </summary>
internal static class ExperimentOrderByParser
{
    private static readonly string[] DefaultOrder = ["creation_time DESC", "experiment_id ASC"];

    public static IReadOnlyList<OrderByClause> Parse(IReadOnlyList<string>? orderBy)
    {
        var entries = orderBy is { Count: > 0 } ? orderBy : DefaultOrder;
        var clauses = new List<OrderByClause>();
        foreach (var entry in entries)
        {
            var (identifier, ascending) = OrderByText.Parse(entry);
            var (entity, key) = ExperimentSearchGrammar.ResolveIdentifier(identifier.Trim(), ExperimentSearchGrammar.OrderableAttributes);
            if (entity != SearchEntity.Attribute)
            {
                throw FathomException.InvalidParameter("Invalid order_by entity: tag");
            }

            clauses.Add(new OrderByClause(entity, key, ascending));
        }

        if (!clauses.Any(c => c.Key == "experiment_id"))
        {
            clauses.Add(new OrderByClause(SearchEntity.Attribute, "experiment_id", Ascending: false));
        }

        return clauses;
    }
}
