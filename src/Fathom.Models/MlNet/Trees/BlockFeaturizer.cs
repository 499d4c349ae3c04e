namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// <see cref="TreeFeaturizer"/>'s values for a block of rows, column-major and only for the slots the trees read
/// (<see cref="BlockTrees.Features"/>): each numeric slot is one pass over its input column, each text block a pass
/// over the column's codes that writes the few used slots a value sets. The values are those
/// <see cref="TreeFeaturizer.Fill"/> writes, so both paths give the same features.
/// </summary>
internal sealed class BlockFeaturizer
{
    private readonly NumericSlot[] _numeric;
    private readonly TextSlots[] _text;

    public BlockFeaturizer(IEnumerable<NumericSlot> numeric, IEnumerable<TextSlots> text, int[] features)
    {
        var column = features.Select((feature, index) => (feature, index)).ToDictionary(p => p.feature, p => p.index);
        _numeric = [.. numeric.Where(s => column.ContainsKey(s.Offset)).Select(s => s with { Column = column[s.Offset] })];
        _text = [.. text.Select(t => t with
        {
            Columns = [.. Enumerable.Range(t.Offset, t.Slots).Select(slot => column.GetValueOrDefault(slot, -1))],
        }).Where(t => t.Columns.Any(c => c >= 0))];
    }

    /// <summary>A numeric, indicator or timestamp-part slot of the feature vector and its block column.</summary>
    public sealed record NumericSlot(int Input, int Offset, bool IsIndicator, int TimestampPart, float WhenMissing, int Column = -1);

    /// <summary>A text block (slots from <paramref name="Offset"/>) and the block column of each of its slots (-1: unread).</summary>
    public sealed record TextSlots(int Index, int Input, int Offset, int Slots, TreeFeaturizer.Entry Missing, int[] Columns);

    /// <summary>Writes rows [start, start + count) of <paramref name="sources"/> into the block <paramref name="x"/>.</summary>
    public void Fill(Column?[] sources, TreeFeaturizer.Entry[][] text, int start, int count, float[] x)
    {
        foreach (var slot in _numeric)
        {
            var column = x.AsSpan(slot.Column * BlockTrees.BlockRows, count);
            if (slot.TimestampPart < 0 && sources[slot.Input] is NumericColumn numbers)
            {
                var values = numbers.Values.Slice(start, count);
                for (var i = 0; i < column.Length; i++) column[i] = Feature(slot, (float)values[i]);
            }
            else if (slot.TimestampPart >= 0 && sources[slot.Input] is TimestampColumn times)
            {
                var ticks = times.Ticks.Slice(start, count);
                for (var i = 0; i < column.Length; i++) column[i] = Feature(slot, TreeFeaturizer.TimestampPart(ticks[i], slot.TimestampPart));
            }
            else column.Fill(Feature(slot, float.NaN));
        }
        foreach (var block in _text)
        {
            foreach (var c in block.Columns)
                if (c >= 0) x.AsSpan(c * BlockTrees.BlockRows, count).Clear();
            var codes = sources[block.Input] is CategoricalColumn categorical ? categorical.Codes.Slice(start, count) : default;
            var entries = text[block.Index];
            for (var i = 0; i < count; i++)
            {
                var code = codes.IsEmpty ? -1 : codes[i];
                var entry = code >= 0 ? entries[code] : block.Missing;
                for (var k = 0; k < entry.Slots.Length; k++)
                {
                    var c = block.Columns[entry.Slots[k]];
                    if (c >= 0) x[c * BlockTrees.BlockRows + i] = entry.Values[k];
                }
            }
        }
    }

    private static float Feature(NumericSlot slot, float value) =>
        slot.IsIndicator ? (float.IsNaN(value) ? 1f : 0f) : float.IsNaN(value) ? slot.WhenMissing : value;
}
