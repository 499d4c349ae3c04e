namespace Fathom.Models.MlNet;

/// <summary>
/// Text labels to dictionary codes, seeded with the model's class names. A known label costs one span lookup;
/// an unseen one (rare: only when the classes are unknown up front) is added under a lock, so cursors filling
/// different row ranges in parallel can share it.
/// </summary>
internal sealed class LabelIndex
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];
    private readonly Lock _lock = new();

    public LabelIndex(IEnumerable<string> seed)
    {
        foreach (var label in seed) _codes.TryAdd(label, _codes.Count);
        _labels.AddRange(_codes.Keys);
    }

    public string[] Labels
    {
        get { lock (_lock) return [.. _labels]; }
    }

    public int CodeOf(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty) return CategoricalColumn.MissingCode;
        lock (_lock)
        {
            var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(label, out var code)) return code;
            var text = label.ToString();
            _codes.Add(text, _labels.Count);
            _labels.Add(text);
            return _labels.Count - 1;
        }
    }
}
