namespace Fathom.Core.Tables;

/// <summary>How a column's values are stored.</summary>
public enum ColumnKind
{
    /// <summary>Numbers as <c>double</c>; a missing value is <see cref="double.NaN"/>.</summary>
    Numeric,

    /// <summary>Text or categories as dictionary codes into a string dictionary; a missing value is code -1.</summary>
    Categorical,

    /// <summary>Points in time as UTC ticks; a missing value is <see cref="long.MinValue"/>.</summary>
    Timestamp,
}

/// <summary>
/// One named column held as one contiguous typed array, so any statistic is one pass or one sort over it.
/// </summary>
public abstract class Column(string name, int length)
{
    public string Name { get; } = name;

    public int Length { get; } = length;

    public abstract ColumnKind Kind { get; }

    public abstract int MissingCount { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The value of one row as text, for messages and previews; null when missing.</summary>
    public abstract string? Format(int row);

    /// <summary>A new column holding the given rows, in that order.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract Column Rename(string name);
}
