using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Search;

/// <summary>
/// MLflow's search grammar for runs and experiments, translated to parameterized SQL for SQLite or PostgreSQL.
/// Every mistake in a filter or order_by is a <see cref="Fathom.Core.Errors.FathomException"/> with
/// INVALID_PARAMETER_VALUE and a message naming the problem.
/// </summary>
public sealed class MlflowSearchTranslator : ISearchTranslator
{
    public static MlflowSearchTranslator Instance { get; } = new();

    public SearchSql TranslateRuns(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect) =>
        RunSearchSql.Translate(filter, orderBy, dialect);

    public SearchSql TranslateExperiments(string? filter, IReadOnlyList<string>? orderBy, SqlDialect dialect) =>
        ExperimentSearchSql.Translate(filter, orderBy, dialect);
}
