namespace Fathom.Tracking.Search;

/// <summary>
/// Collects the values a search fragment binds. Names are <c>@s0</c>, <c>@s1</c>, ... so they never clash with the
/// store's own parameters; user input only ever reaches SQL through here.
/// </summary>
internal sealed class SqlParameters
{
    private readonly Dictionary<string, object?> values = [];

    public IReadOnlyDictionary<string, object?> Values => values;

    public string Add(object value)
    {
        var name = $"@s{values.Count}";
        values[name] = value;
        return name;
    }
}
