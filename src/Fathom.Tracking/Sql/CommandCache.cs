using System.Data.Common;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Prepared commands of one SQLite connection, by SQL text: Microsoft.Data.Sqlite keeps a command's statements
/// prepared until the command is disposed, so reusing the command is what makes small writes cheap.
/// </summary>
internal sealed class CommandCache : IDisposable
{
    // Enough for every statement the store issues; the bound only guards against unforeseen SQL growth.
    private const int MaxCommands = 256;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbCommand Get(DbConnection connection, string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            Dispose();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
