namespace Fathom.Models.Packaging;

internal static class DictionaryExtensions
{
    /// <summary>The value under <paramref name="key"/>, or null: MLmodel sections are read as IDictionary, which has no GetValueOrDefault.</summary>
    public static object? Get(this IDictionary<string, object?> values, string key) => values.TryGetValue(key, out var v) ? v : null;
}
