using System.Globalization;

namespace Fathom.Tracking.Validation;

/// <summary>Formats values the way MLflow's Python messages print them (<c>1.0</c>, <c>nan</c>, <c>['a', 'b']</c>).</summary>
internal static class PythonFormat
{
    public static string Float(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when Math.Floor(value) == value && Math.Abs(value) < 1e16 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string StringList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
