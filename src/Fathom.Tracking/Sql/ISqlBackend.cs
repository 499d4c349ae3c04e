using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>
/// What differs between SQLite and PostgreSQL below the store: how connections are lent, how writes are
/// serialized or retried, and how constraint violations are recognised. The SQL itself is shared.
/// </summary>
internal interface ISqlBackend : IAsyncDisposable
{
    SqlDialect Dialect { get; }

    /// <summary>Runs <paramref name="work"/> on a connection that sees one consistent state.</summary>
    Task<T> ReadAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one write transaction; commits if it returns, rolls back if it throws.</summary>
    Task<T> WriteAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct);

    bool IsUniqueViolation(Exception exception);
}
