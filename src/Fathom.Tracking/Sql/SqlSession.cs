using System.Data.Common;
using System.Text.Json;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>
/// One connection (and its transaction, if any) lent to one store operation. SQL uses positional parameters
/// <c>@p0, @p1, ...</c>; list parameters are <see cref="ListValue"/>s, used through <see cref="InList"/>.
/// On SQLite, commands are cached per connection so hot statements stay prepared.
/// </summary>
internal sealed class SqlSession(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, CommandCache? cache)
{
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>The lent connection, for the few bulk paths that drive the driver directly (inside the same transaction).</summary>
    public DbConnection Connection => connection;

    /// <summary>The connection's native SQLite statement for <paramref name="sql"/>, prepared once and kept (SQLite only).</summary>
    public SQLitePCL.sqlite3_stmt NativeStatement(string sql) =>
        cache!.Native(((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle!, sql);

    /// <summary>A predicate "column is one of the values in list parameter <paramref name="parameter"/>".</summary>
    public string InList(string column, string parameter) => Dialect == SqlDialect.Sqlite
        ? $"{column} IN (SELECT value FROM json_each({parameter}))"
        : $"{column} = ANY({parameter})";

    public async Task<int> ExecuteAsync(string sql, params object?[] args)
    {
        var (command, owned) = Build(sql, args, null);
        try
        {
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        finally
        {
            if (owned)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<object?> ScalarAsync(string sql, params object?[] args)
    {
        var (command, owned) = Build(sql, args, null);
        try
        {
            var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
        finally
        {
            if (owned)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> map, params object?[] args) =>
        ListAsync(sql, map, null, args);

    public async Task<List<T>> ListAsync<T>(
        string sql, Func<DbDataReader, T> map, IReadOnlyDictionary<string, object?>? named, params object?[] args)
    {
        var (command, owned) = Build(sql, args, named);
        try
        {
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            if (owned)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Hands each row to <paramref name="row"/> without collecting them; stops when it returns false.</summary>
    public async Task ForEachAsync(string sql, Func<DbDataReader, bool> row, params object?[] args)
    {
        var (command, owned) = Build(sql, args, null);
        try
        {
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false) && row(reader))
            {
            }
        }
        finally
        {
            if (owned)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private (DbCommand Command, bool Owned) Build(string sql, object?[] args, IReadOnlyDictionary<string, object?>? named)
    {
        // Named search parameters change per query, so such commands are never cached.
        var cached = cache is not null && named is null;
        var command = cached ? cache!.Get(connection, sql) : connection.CreateCommand();
        if (!cached)
        {
            command.CommandText = sql;
        }

        command.Transaction = transaction;
        for (var i = 0; i < args.Length; i++)
        {
            if (command.Parameters.Count <= i)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "p" + i;
                command.Parameters.Add(parameter);
            }

            command.Parameters[i].Value = ToDb(args[i]);
        }

        foreach (var (name, value) in named ?? new Dictionary<string, object?>())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name.TrimStart('@');
            parameter.Value = ToDb(value);
            command.Parameters.Add(parameter);
        }

        return (command, !cached);
    }

    private object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        ListValue list when Dialect == SqlDialect.Sqlite => JsonSerializer.Serialize(list.Items),
        ListValue list => list.Items,
        _ => value,
    };
}

/// <summary>
/// A list bound as one parameter: a JSON array read by json_each on SQLite, an array on PostgreSQL. A wrapper, not a
/// bare array, because a bare <c>string[]</c> would silently become the whole <c>params object?[]</c> argument list.
/// </summary>
internal sealed record ListValue(Array Items)
{
    public static ListValue Of(IEnumerable<string> items) => new(items.ToArray());

    public static ListValue Of(IEnumerable<long> items) => new(items.ToArray());
}
