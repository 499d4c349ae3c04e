using System.Globalization;

namespace Fathom.Core.Tables;

/// <summary>Points in time as UTC <see cref="DateTime.Ticks"/>; <see cref="MissingTicks"/> marks a missing value.</summary>
public sealed class TimestampColumn : Column
{
    public const long MissingTicks = long.MinValue;

    private readonly long[] _ticks;
    private int _missing = -1;

    public TimestampColumn(string name, long[] ticks) : base(name, ticks.Length) => _ticks = ticks;

    public override ColumnKind Kind => ColumnKind.Timestamp;

    public ReadOnlySpan<long> Ticks => _ticks;

    public override int MissingCount
    {
        get
        {
            if (_missing < 0)
            {
                var count = 0;
                foreach (var t in _ticks) if (t == MissingTicks) count++;
                _missing = count;
            }
            return _missing;
        }
    }

    public override bool IsMissing(int row) => _ticks[row] == MissingTicks;

    public override string? Format(int row) => IsMissing(row)
        ? null
        : new DateTime(_ticks[row], DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var ticks = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++) ticks[i] = _ticks[rows[i]];
        return new TimestampColumn(Name, ticks);
    }

    public override Column Rename(string name) => new TimestampColumn(name, _ticks);
}
