using System.Text.Json;

namespace Fathom.Monitoring.Tests.Statistics;

/// <summary>One oracle case from Reference/drift_references.json, with its samples materialised.</summary>
public sealed record ReferenceCase(string Test, string Kind, string Name, double[] Reference, double[] Current,
    int CategoryCount, double Statistic, double DriftScore, double? DriftScoreAbsoluteTolerance, string? ScipyError)
{
    public override string ToString() => $"{Test}/{Kind}/{Name}";
}

internal static class ReferenceCases
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> Cases = new(Load);

    public static IReadOnlyList<ReferenceCase> All => Cases.Value;

    private static IReadOnlyList<ReferenceCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Statistics", "Reference", "drift_references.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<ReferenceCase>();
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            list.Add(new ReferenceCase(
                c.GetProperty("test").GetString()!,
                c.GetProperty("kind").GetString()!,
                c.GetProperty("name").GetString()!,
                Sample(c.GetProperty("reference")),
                Sample(c.GetProperty("current")),
                c.TryGetProperty("category_count", out var k) && k.ValueKind == JsonValueKind.Number ? k.GetInt32() : 0,
                Number(c, "statistic"),
                Number(c, "drift_score"),
                c.TryGetProperty("drift_score_atol", out var atol) ? atol.GetDouble() : null,
                c.TryGetProperty("scipy_error", out var error) ? error.GetString() : null));
        }
        return list;
    }

    private static double[] Sample(JsonElement element)
    {
        if (element.TryGetProperty("values", out var values))
        {
            return values.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        }
        var generated = GeneratedSample.Generate(element.GetProperty("generator"));
        var checksum = element.GetProperty("checksum").GetDouble();
        var head = element.GetProperty("head").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        if (!head.SequenceEqual(generated.Take(head.Length)) ||
            Math.Abs(generated.Sum() - checksum) > 1e-9 * Math.Max(1, Math.Abs(checksum)))
        {
            throw new InvalidOperationException("The C# generator does not reproduce the oracle's sample.");
        }
        return generated;
    }

    private static double Number(JsonElement c, string name)
    {
        if (!c.TryGetProperty(name, out var v))
        {
            return double.NaN;
        }
        return v.ValueKind == JsonValueKind.String
            ? v.GetString() switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.NaN }
            : v.GetDouble();
    }
}
