using Fathom.Tracking.Stores;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Runs a group of waiting writes in one transaction on the writer connection: one BEGIN, one COMMIT and one WAL
/// append for the lot instead of one per request. When the group has more than one write, each runs inside its own
/// SAVEPOINT, so a write that throws (a changed param, a unique violation) rolls back only itself and gets its own
/// exception while the others commit. If COMMIT fails, every write of the group fails.
/// </summary>
internal sealed class WriteGroup(SqliteConnection writer, CommandCache commands)
{
    private const string Savepoint = "SAVEPOINT pending_write";
    private const string Release = "RELEASE pending_write";
    private const string RollbackTo = "ROLLBACK TO pending_write";

    /// <summary>Settles every write in <paramref name="writes"/>; never throws.</summary>
    public async Task RunAsync(IReadOnlyList<PendingWrite> writes)
    {
        var next = 0;
        try
        {
            while (next < writes.Count)
            {
                next = await RunTransactionAsync(writes, next).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Only a failed rollback gets here. Settled writes keep their outcome; the writer loop must go on.
            FailAll(writes, 0, writes.Count, e);
        }
    }

    /// <summary>
    /// Runs writes from <paramref name="start"/> in one transaction; returns where the next transaction must start
    /// (before the end only if SQLite rolled this one back on its own, e.g. after an I/O error or a full disk).
    /// </summary>
    private async Task<int> RunTransactionAsync(IReadOnlyList<PendingWrite> writes, int start)
    {
        var ran = new List<PendingWrite>(writes.Count - start);
        SqliteTransaction transaction;
        try
        {
            // Microsoft.Data.Sqlite's default transaction is BEGIN IMMEDIATE: writers in other processes wait in the
            // busy handler rather than fail.
            transaction = writer.BeginTransaction();
        }
        catch (Exception e)
        {
            FailAll(writes, start, writes.Count, e);
            return writes.Count;
        }

        using (transaction)
        {
            var session = new SqlSession(writer, transaction, SqlDialect.Sqlite, commands);
            // A lone write is the transaction: no savepoint to pay for.
            var isolate = writes.Count - start > 1;
            for (var i = start; i < writes.Count; i++)
            {
                var write = writes[i];
                if (write.Cancellation.IsCancellationRequested)
                {
                    write.Cancel();
                    continue;
                }

                try
                {
                    if (isolate)
                    {
                        await session.ExecuteAsync(Savepoint).ConfigureAwait(false);
                    }

                    await write.RunAsync(session).ConfigureAwait(false);
                    if (isolate)
                    {
                        await session.ExecuteAsync(Release).ConfigureAwait(false);
                    }

                    ran.Add(write);
                }
                catch (Exception e)
                {
                    write.Fail(e);
                    if (isolate && await TryRollBackToSavepointAsync(session).ConfigureAwait(false))
                    {
                        continue;
                    }

                    // The transaction is gone with what the earlier writes did; the later ones get a new one.
                    FailAll(ran, 0, ran.Count, e);
                    return i + 1;
                }
            }

            try
            {
                transaction.Commit();
            }
            catch (Exception e)
            {
                FailAll(ran, 0, ran.Count, e);
                return writes.Count;
            }
        }

        foreach (var write in ran)
        {
            write.Commit();
        }

        return writes.Count;
    }

    private async Task<bool> TryRollBackToSavepointAsync(SqlSession session)
    {
        // Some errors (I/O, disk full, out of memory) make SQLite roll back the whole transaction by itself.
        if (raw.sqlite3_get_autocommit(writer.Handle) != 0)
        {
            return false;
        }

        try
        {
            await session.ExecuteAsync(RollbackTo).ConfigureAwait(false);
            await session.ExecuteAsync(Release).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static void FailAll(IReadOnlyList<PendingWrite> writes, int from, int to, Exception exception)
    {
        for (var i = from; i < to; i++)
        {
            writes[i].Fail(exception);
        }
    }
}
