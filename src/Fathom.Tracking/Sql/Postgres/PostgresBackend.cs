using System.Data;
using Fathom.Tracking.Stores;
using Npgsql;

namespace Fathom.Tracking.Sql.Postgres;

/// <summary>
/// PostgreSQL through a pooled Npgsql data source with automatic statement preparation. Writes run in READ
/// COMMITTED transactions built from upserts, and are retried when PostgreSQL picks them as a deadlock victim.
/// </summary>
internal sealed class PostgresBackend(NpgsqlDataSource dataSource) : ISqlBackend
{
    private const int MaxAttempts = 5;

    public SqlDialect Dialect => SqlDialect.PostgreSql;

    public static PostgresBackend Open(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        return new PostgresBackend(NpgsqlDataSource.Create(builder));
    }

    public async Task<T> ReadAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        // REPEATABLE READ gives the several queries of one read (a run and its tags, params, metrics) one snapshot.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        var result = await work(new SqlSession(connection, transaction, Dialect, null)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    public async Task<T> WriteAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
                var result = await work(new SqlSession(connection, transaction, Dialect, null)).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                                               && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> holding a transaction-scoped advisory lock, so concurrent openers migrate one at a time.</summary>
    public Task<T> WriteExclusiveAsync<T>(long lockKey, Func<SqlSession, Task<T>> work, CancellationToken ct) =>
        WriteAsync(async session =>
        {
            await session.ScalarAsync("SELECT pg_advisory_xact_lock(@p0)", lockKey).ConfigureAwait(false);
            return await work(session).ConfigureAwait(false);
        }, ct);

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
