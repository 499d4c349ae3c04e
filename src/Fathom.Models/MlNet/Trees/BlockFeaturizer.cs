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
    private readonly TextSlots[] _allText;
    private readonly int[] _codeBlocks;
    private readonly BlockTrees.CategoricalSet[] _sets;

    public BlockFeaturizer(IEnumerable<NumericSlot> numeric, IEnumerable<TextSlots> text, BlockTrees trees)
    {
        _allText = [.. text];
        _codeBlocks = trees.CodeBlocks;
        _sets = trees.Sets;
        var column = trees.Features.Select((feature, index) => (feature, index)).ToDictionary(p => p.feature, p => p.index);
        _numeric = [.. numeric.Where(s => column.ContainsKey(s.Offset)).Select(s => s with { Column = column[s.Offset] })];
        _text = [.. _allText.Select(t => t with
        {
            Columns = [.. Enumerable.Range(t.Offset, t.Slots).Select(slot => column.GetValueOrDefault(slot, -1))],
        }).Where(t => t.Columns.Any(c => c >= 0))];
    }

    /// <summary>A numeric, indicator or timestamp-part slot of the feature vector and its block column.</summary>
    public sealed record NumericSlot(int Input, int Offset, bool IsIndicator, int TimestampPart, float WhenMissing, int Column = -1);

    /// <summary>A text block (slots from <paramref name="Offset"/>) and the block column of each of its slots (-1: unread).</summary>
    public sealed record TextSlots(int Index, int Input, int Offset, int Slots, TreeFeaturizer.Entry Missing, int[] Columns);

    /// <summary>
    /// Writes rows [start, start + count) of <paramref name="sources"/> into the block: features into
    /// <paramref name="x"/>, and for each of <see cref="BlockTrees.CodeBlocks"/> the id of the row's entry
    /// (<see cref="TreeFeaturizer.Entry.Id"/>, the block's missing entry for a missing value) into <paramref name="codes"/>.
    /// </summary>
    public void Fill(Column?[] sources, TreeFeaturizer.Entry[][] text, int start, int count, float[] x, int[] codes)
    {
        for (var c = 0; c < _codeBlocks.Length; c++)
        {
            var column = codes.AsSpan(c * BlockTrees.BlockRows, count);
            var block = _allText[_codeBlocks[c]];
            if (sources[block.Input] is CategoricalColumn categorical)
            {
                var rowCodes = categorical.Codes.Slice(start, count);
                var entries = text[_codeBlocks[c]];
                for (var i = 0; i < column.Length; i++) column[i] = rowCodes[i] >= 0 ? entries[rowCodes[i]].Id : block.Missing.Id;
            }
            else column.Fill(block.Missing.Id);
        }
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
            var rowCodes = sources[block.Input] is CategoricalColumn categorical ? categorical.Codes.Slice(start, count) : default;
            var entries = text[block.Index];
            for (var i = 0; i < count; i++)
            {
                var code = rowCodes.IsEmpty ? -1 : rowCodes[i];
                var entry = code >= 0 ? entries[code] : block.Missing;
                for (var k = 0; k < entry.Slots.Length; k++)
                {
                    var c = block.Columns[entry.Slots[k]];
                    if (c >= 0) x[c * BlockTrees.BlockRows + i] = entry.Values[k];
                }
            }
        }
    }

    /// <summary>
    /// Each categorical set's direction (1: right) for each entry id of its text block (<paramref name="entries"/>,
    /// by block, each the block's entries by id), <paramref name="stride"/> bytes a set, as <see cref="FlatTreeEnsemble"/>
    /// decides it from the features the row path writes: right when a slot of the set holds a value &gt; 0 (a NaN
    /// counting as the node's default). Slots an entry does not set are 0. Ids index the table, so it depends on the
    /// model and the entries known so far, not on the call.
    /// </summary>
    public byte[] CategoricalTable(Func<int, TreeFeaturizer.Entry[]> entries, int stride)
    {
        var table = new byte[_sets.Length * stride];
        for (var k = 0; k < _sets.Length; k++)
        {
            var set = _sets[k];
            var block = _allText[set.TextBlock];
            var inSet = new bool[block.Slots];
            foreach (var feature in set.Features) inSet[feature - block.Offset] = true;
            foreach (var entry in entries(set.TextBlock))
            {
                // An entry interned since the caller sized the table: a call that reads it rebuilds the walk first.
                if ((uint)entry.Id >= (uint)stride) continue;
                var right = false;
                for (var i = 0; i < entry.Slots.Length && !right; i++)
                {
                    var value = entry.Values[i];
                    if (float.IsNaN(value)) value = set.Missing;
                    right = inSet[entry.Slots[i]] && value > 0;
                }
                table[k * stride + entry.Id] = right ? (byte)1 : (byte)0;
            }
        }
        return table;
    }

    private static float Feature(NumericSlot slot, float value) =>
        slot.IsIndicator ? (float.IsNaN(value) ? 1f : 0f) : float.IsNaN(value) ? slot.WhenMissing : value;
}
