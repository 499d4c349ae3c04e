namespace Fathom.Tracking.Sql;

/// <summary>One numbered schema step. Scripts are append-only: a released script is never edited, only followed.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
