namespace Fathom.Tracking.Sql;

/// <summary>
/// One numbered schema step. Scripts are append-only: a released script is never edited, only followed.
/// <paramref name="Then"/> runs after the script in the same transaction, for a data conversion SQL cannot express
/// (SQLite has no function that writes a double's bytes into a blob).
/// </summary>
internal sealed record Migration(int Version, string Description, string Sql, Func<SqlSession, Task>? Then = null);
