using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>MLflow's run order_by rules (<c>parse_order_by_for_search_runs</c>, <c>_get_orderby_clauses</c>).</summary>
internal static class RunOrderByParser
{
    public static IReadOnlyList<OrderByClause> Parse(IReadOnlyList<string>? orderBy)
    {
        if (orderBy is null || orderBy.Count == 0)
        {
            return [];
        }

        var clauses = new List<OrderByClause>();
        foreach (var entry in orderBy)
        {
            var (identifier, ascending) = OrderByText.Parse(entry);
            var (entity, key) = RunSearchGrammar.ResolveIdentifier(identifier.Trim(), RunSearchGrammar.OrderableAttributes);
            if (entity == SearchEntity.Dataset)
            {
                throw FathomException.InvalidParameter($"Invalid identifier type '{RunSearchGrammar.NameOf(entity)}'");
            }

            if (entity == SearchEntity.Attribute)
            {
                key = RunSearchGrammar.TranslateAlias(key);
            }

            if (clauses.Any(c => c.Entity == entity && c.Key == key))
            {
                throw FathomException.InvalidParameter($"`order_by` contains duplicate fields: {SearchText.PythonSequence(orderBy)}");
            }

            clauses.Add(new OrderByClause(entity, key, ascending));
        }

        return clauses;
    }
}
