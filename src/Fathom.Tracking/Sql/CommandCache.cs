using System.Data.Common;
using Fathom.Tracking.Sql.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Prepared commands of one SQLite connection, by SQL text: Microsoft.Data.Sqlite keeps a command's statements
/// prepared until the command is disposed, so reusing the command is what makes small writes cheap. The few bulk
/// paths that step native statements themselves keep those here too: preparing the metric upsert costs more CPU
/// than a one-metric request's whole insert.
/// </summary>
internal sealed class CommandCache : IDisposable
{
    // Enough for every statement the store issues; the bound only guards against unforeseen SQL growth.
    private const int MaxCommands = 256;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    public DbCommand Get(DbConnection connection, string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            DisposeCommands();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    /// <summary>A native statement prepared once on <paramref name="db"/> (this cache's connection), reset before reuse.</summary>
    public sqlite3_stmt Native(sqlite3 db, string sql)
    {
        if (_statements.TryGetValue(sql, out var statement))
        {
            raw.sqlite3_reset(statement);
            return statement;
        }

        SqliteNative.Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement), db);
        _statements[sql] = statement;
        return statement;
    }

    public void Dispose()
    {
        DisposeCommands();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
