using Fathom.Core.Errors;

namespace Fathom.Tracking.Stores;

/// <summary>
/// The translator a store uses when none is configured: no filter, MLflow's default order. The search grammar
/// (<c>Search/</c>) provides the full translator; this one keeps a store usable on its own and says plainly what it lacks.
/// </summary>
internal sealed class DefaultOrderSearchTranslator : ISearchTranslator
{
    public static DefaultOrderSearchTranslator Instance { get; } = new();

    public SearchSql TranslateRuns(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect)
    {
        RejectAnyFilter(filter, orderBy);
        return SearchSql.DefaultRuns;
    }

    public SearchSql TranslateExperiments(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect)
    {
        RejectAnyFilter(filter, orderBy);
        return SearchSql.DefaultExperiments;
    }

    private static void RejectAnyFilter(string? filter, IReadOnlyList<string>? orderBy)
    {
        if (!string.IsNullOrWhiteSpace(filter) || orderBy is { Count: > 0 })
        {
            throw FathomException.InvalidParameter("This store was opened without a search translator: filter and order_by are not available.");
        }
    }
}
