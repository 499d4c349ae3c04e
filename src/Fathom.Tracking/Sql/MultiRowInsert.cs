using System.Collections.Concurrent;
using System.Text;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Inserts many rows of one run with few statements: chunks of 100, then 10, then 1 row, each a fixed SQL text
/// so the statement stays prepared (SQLite command cache, Npgsql auto-prepare). Parameter @p0 is the run id,
/// which every row's last column (<c>run_uuid</c>) takes.
/// </summary>
internal static class MultiRowInsert
{
    private static readonly int[] ChunkSizes = [100, 10, 1];
    private static readonly ConcurrentDictionary<(string Head, int Columns, string Tail, int Rows), string> Statements = new();

    public static async Task ExecuteAsync<T>(
        SqlSession session, string head, int columns, string tail, string runId, IReadOnlyList<T> items, Func<T, object?[]> values)
    {
        var index = 0;
        foreach (var size in ChunkSizes)
        {
            while (items.Count - index >= size)
            {
                var sql = Statements.GetOrAdd((head, columns, tail, size), Build);
                var args = new object?[1 + (size * columns)];
                args[0] = runId;
                for (var row = 0; row < size; row++)
                {
                    var rowValues = values(items[index + row]);
                    Array.Copy(rowValues, 0, args, 1 + (row * columns), columns);
                }

                await session.ExecuteAsync(sql, args).ConfigureAwait(false);
                index += size;
            }
        }
    }

    private static string Build((string Head, int Columns, string Tail, int Rows) key)
    {
        var sql = new StringBuilder(key.Head);
        for (var row = 0; row < key.Rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < key.Columns; column++)
            {
                sql.Append("@p").Append(1 + (row * key.Columns) + column).Append(", ");
            }

            sql.Append("@p0)");
        }

        return sql.Append(key.Tail).ToString();
    }
}
