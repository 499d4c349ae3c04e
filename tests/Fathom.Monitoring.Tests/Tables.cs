using Fathom.Core.Tables;

namespace Fathom.Monitoring.Tests;

/// <summary>Small in-memory tables for tests.</summary>
internal static class Tables
{
    public static NumericColumn Num(string name, params double[] values) => new(name, values);

    public static NumericColumn Int(string name, params int[] values) => new(name, values.Select(v => (double)v).ToArray(), isInteger: true);

    public static CategoricalColumn Cat(string name, params string?[] values)
    {
        var categories = values.OfType<string>().Distinct().ToList();
        return new CategoricalColumn(name, values.Select(v => v is null ? -1 : categories.IndexOf(v)).ToArray(), [.. categories]);
    }

    public static DataTable Of(params Column[] columns) => new(columns);

    /// <summary>Normal samples from a fixed seed (Box-Muller), so tests are deterministic.</summary>
    public static double[] Normal(int n, double mean, double std, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = 1 - random.NextDouble();
            values[i] = mean + std * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }
        return values;
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
