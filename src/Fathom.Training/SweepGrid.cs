using Fathom.Core.Errors;

namespace Fathom.Training;

/// <summary>The combinations of a <c>--sweep</c> grid, first key varying slowest, in the order the values were given.</summary>
internal static class SweepGrid
{
    public const int MaxCombinations = 100;

    public static List<Dictionary<string, string>> Expand(IReadOnlyDictionary<string, IReadOnlyList<string>> sweep)
    {
        var combinations = new List<Dictionary<string, string>> { new(StringComparer.OrdinalIgnoreCase) };
        foreach (var (key, values) in sweep)
        {
            if (values.Count == 0) throw FathomException.InvalidParameter($"--sweep {key}= has no values; give them as {key}=v1,v2.");
            combinations = [.. combinations.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.OrdinalIgnoreCase) { [key] = v }))];
            if (combinations.Count > MaxCombinations)
                throw FathomException.InvalidParameter($"The --sweep grid has more than {MaxCombinations} combinations; sweep fewer values.");
        }
        return combinations;
    }

    public static string Describe(IReadOnlyDictionary<string, string> combination) =>
        string.Join(",", combination.Select(p => $"{p.Key}={p.Value}"));
}
