namespace Fathom.Training.Data;

/// <summary>
/// A timestamp column becomes three numeric inputs a model can split on: month (1-12), day of week (0 = Sunday)
/// and hour of day with minutes as a fraction. Raw ticks would only let a model learn "before/after a date",
/// which does not carry over to new data.
/// </summary>
internal static class TimestampParts
{
    private static readonly (string Suffix, Func<DateTime, float> Part)[] Parts =
    [
        ("_month", d => d.Month),
        ("_dayofweek", d => (int)d.DayOfWeek),
        ("_hour", d => d.Hour + d.Minute / 60f),
    ];

    public static IEnumerable<string> InputNames(string column) => Parts.Select(p => column + p.Suffix);

    /// <summary>The timestamp column and part an input name stands for, when it is one of <see cref="InputNames"/>.</summary>
    public static bool TryParse(string inputName, out string column, out int part)
    {
        for (part = 0; part < Parts.Length; part++)
        {
            if (inputName.EndsWith(Parts[part].Suffix, StringComparison.Ordinal))
            {
                column = inputName[..^Parts[part].Suffix.Length];
                return true;
            }
        }
        column = "";
        return false;
    }

    public static float[][] Compute(ReadOnlySpan<long> ticks)
    {
        var parts = new float[Parts.Length][];
        for (var i = 0; i < parts.Length; i++) parts[i] = new float[ticks.Length];
        for (var row = 0; row < ticks.Length; row++)
        {
            if (ticks[row] == Fathom.Core.Tables.TimestampColumn.MissingTicks)
            {
                foreach (var p in parts) p[row] = float.NaN;
                continue;
            }
            var time = new DateTime(ticks[row], DateTimeKind.Utc);
            for (var i = 0; i < Parts.Length; i++) parts[i][row] = Parts[i].Part(time);
        }
        return parts;
    }
}
