using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.MlNet.Trees;

/// <summary>
/// Builds a row's feature vector straight from the table's columns, as the traced featurizer would: numeric inputs
/// as floats (a missing value becomes the featurizer's replacement, read once from a probe row), indicators as 0/1,
/// and text inputs as the few slots their value sets. What a text value sets is asked of ML.NET itself, once per
/// distinct value (its dictionary or hash), and cached, so the mapping is ML.NET's by construction.
/// </summary>
internal sealed class TreeFeaturizer
{
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly string _featuresColumn;
    private readonly Slot[] _numeric;
    private readonly Block[] _blocks;

    private TreeFeaturizer(ITransformer model, DataViewSchema inputSchema, string featuresColumn, FeaturePart[] parts, int width)
    {
        _model = model;
        _inputSchema = inputSchema;
        _featuresColumn = featuresColumn;
        Width = width;
        var numeric = new List<Slot>();
        var blocks = new List<Block>();
        var offset = 0;
        foreach (var part in parts)
        {
            if (part is TextBlock text) blocks.Add(new Block(text.Input, offset, text.Slots));
            else numeric.Add(new Slot(part.Input, offset, part is MissingIndicator,
                part switch { NumericValue v => v.TimestampPart, MissingIndicator m => m.TimestampPart, _ => -1 }));
            offset += part.Width;
        }
        _numeric = [.. numeric];
        _blocks = [.. blocks];
    }

    /// <summary>Slots in the feature vector.</summary>
    public int Width { get; }

    /// <summary>Builds the featurizer and reads its replacement values; null when a probe disagrees with the trace.</summary>
    public static TreeFeaturizer? Create(ITransformer model, DataViewSchema inputSchema, string featuresColumn, FeaturePart[] parts)
    {
        var featurizer = new TreeFeaturizer(model, inputSchema, featuresColumn, parts, parts.Sum(p => p.Width));
        var missing = featurizer.Probe(new Column?[inputSchema.Count], 1)[0];
        for (var i = 0; i < featurizer._numeric.Length; i++)
        {
            ref var slot = ref featurizer._numeric[i];
            slot.WhenMissing = missing[slot.Offset];
            if (slot.IsIndicator && slot.WhenMissing != 1f) return null;
        }
        foreach (var block in featurizer._blocks) block.Missing = block.Intern(missing.AsSpan(block.Offset, block.Slots));
        return featurizer;
    }

    /// <summary>The index of the text block slot <paramref name="feature"/> lies in, or -1 when it is not a text slot.</summary>
    public int TextBlockOf(int feature) =>
        Array.FindIndex(_blocks, b => feature >= b.Offset && feature < b.Offset + b.Slots);

    /// <summary>How many distinct entries text block <paramref name="block"/> has given ids so far (ids run from 0).</summary>
    public int EntryCount(int block) => _blocks[block].Count;

    /// <summary>Text block <paramref name="block"/>'s distinct entries by id, as far as known now.</summary>
    public Entry[] Entries(int block) => _blocks[block].Known();

    /// <summary>The column-major featurizer of the slots and codes <paramref name="trees"/> read.</summary>
    public BlockFeaturizer ForBlocks(BlockTrees trees) => new(
        _numeric.Select(s => new BlockFeaturizer.NumericSlot(s.Input, s.Offset, s.IsIndicator, s.TimestampPart, s.WhenMissing)),
        _blocks.Select((b, i) => new BlockFeaturizer.TextSlots(i, b.Input, b.Offset, b.Slots, b.Missing, [])),
        trees);

    /// <summary>Per-call state: the text entries of each block by the column's dictionary code.</summary>
    public Entry[][] BindText(Column?[] sources)
    {
        var bound = new Entry[_blocks.Length][];
        for (var b = 0; b < _blocks.Length; b++)
        {
            var block = _blocks[b];
            bound[b] = sources[block.Input] is CategoricalColumn column ? EntriesFor(block, column.Categories) : [];
        }
        return bound;
    }

    /// <summary>Writes row <paramref name="row"/>'s features into <paramref name="features"/>, whose block slots must be zero.</summary>
    public void Fill(Column?[] sources, Entry[][] text, int row, Span<float> features)
    {
        foreach (ref readonly var slot in _numeric.AsSpan())
        {
            var value = slot.TimestampPart < 0
                ? sources[slot.Input] is NumericColumn column ? (float)column.Values[row] : float.NaN
                : sources[slot.Input] is TimestampColumn time ? TimestampPart(time.Ticks[row], slot.TimestampPart) : float.NaN;
            features[slot.Offset] = slot.IsIndicator ? (float.IsNaN(value) ? 1f : 0f) : float.IsNaN(value) ? slot.WhenMissing : value;
        }
        for (var b = 0; b < _blocks.Length; b++)
        {
            var block = _blocks[b];
            var code = sources[block.Input] is CategoricalColumn column ? column.Codes[row] : -1;
            var entry = code >= 0 ? text[b][code] : block.Missing;
            for (var i = 0; i < entry.Slots.Length; i++) features[block.Offset + entry.Slots[i]] = entry.Values[i];
        }
    }

    /// <summary>Sets the block slots <see cref="Fill"/> wrote back to zero, so the buffer serves the next row.</summary>
    public void Clear(Column?[] sources, Entry[][] text, int row, Span<float> features)
    {
        for (var b = 0; b < _blocks.Length; b++)
        {
            var block = _blocks[b];
            var code = sources[block.Input] is CategoricalColumn column ? column.Codes[row] : -1;
            var entry = code >= 0 ? text[b][code] : block.Missing;
            foreach (var slot in entry.Slots) features[block.Offset + slot] = 0;
        }
    }

    /// <summary>As <see cref="TimestampPartsMapping"/> computes it; a missing timestamp reaches the mapping as the default DateTime.</summary>
    internal static float TimestampPart(long ticks, int part)
    {
        if (ticks == TimestampColumn.MissingTicks || ticks == 0) return float.NaN;
        var time = new DateTime(ticks, DateTimeKind.Utc);
        return part switch
        {
            0 => time.Month,
            1 => (int)time.DayOfWeek,
            _ => time.Hour + time.Minute / 60f,
        };
    }

    private Entry[] EntriesFor(Block block, IReadOnlyList<string> categories)
    {
        var entries = new Entry[categories.Count];
        List<int>? unknown = null;
        for (var c = 0; c < entries.Length; c++)
        {
            if (block.Cache.TryGetValue(categories[c], out var entry)) entries[c] = entry;
            else (unknown ??= []).Add(c);
        }
        if (unknown is null) return entries;
        // One ML.NET pass over the new values only; concurrent callers may both probe a value, with the same answer.
        var values = unknown.Select(c => categories[c]).ToArray();
        var sources = new Column?[_inputSchema.Count];
        sources[block.Input] = new CategoricalColumn(_inputSchema[block.Input].Name, [.. Enumerable.Range(0, values.Length)], values);
        var features = Probe(sources, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var entry = block.Intern(features[i].AsSpan(block.Offset, block.Slots));
            block.Cache.TryAdd(values[i], entry);
            entries[unknown[i]] = entry;
        }
        return entries;
    }

    /// <summary>The featurizer's output for probe rows, computed by ML.NET.</summary>
    private float[][] Probe(Column?[] sources, int rows)
    {
        var view = new TableDataView(_inputSchema);
        view.Bind(sources, 0, rows);
        var transformed = _model.Transform(view);
        var column = transformed.Schema[_featuresColumn];
        var result = new float[rows][];
        using var cursor = transformed.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            for (var r = 0; cursor.MoveNext(); r++)
            {
                getter(ref buffer);
                result[r] = buffer.DenseValues().ToArray();
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            for (var r = 0; cursor.MoveNext(); r++)
            {
                getter(ref value);
                result[r] = [value];
            }
        }
        return result;
    }

    private struct Slot(int input, int offset, bool isIndicator, int timestampPart)
    {
        public readonly int Input = input;
        public readonly int Offset = offset;
        public readonly bool IsIndicator = isIndicator;
        public readonly int TimestampPart = timestampPart;
        public float WhenMissing;
    }

    /// <summary>
    /// A text input's slots. Each distinct entry (set of slots and values) gets a stable id, so a block walk's
    /// direction table can be indexed by id and built once per model rather than per call by the call's own codes:
    /// one-hot and hashed keys have at most one entry per slot, plus the empty one.
    /// </summary>
    private sealed class Block(int input, int offset, int slots)
    {
        private readonly Dictionary<string, Entry> _byContent = new(StringComparer.Ordinal);
        private readonly List<Entry> _known = [];
        private readonly Lock _lock = new();
        private int _count;

        public int Input { get; } = input;
        public int Offset { get; } = offset;
        public int Slots { get; } = slots;
        public Entry Missing { get; set; } = Entry.Empty;
        public ConcurrentDictionary<string, Entry> Cache { get; } = new(StringComparer.Ordinal);

        public int Count => Volatile.Read(ref _count);

        /// <summary>The block's entry for these slot values, with its id (new ids only for content not seen before).</summary>
        public Entry Intern(ReadOnlySpan<float> values)
        {
            var content = Entry.From(values, -1);
            var key = string.Join(',', content.Slots.Select((s, i) => $"{s}:{BitConverter.SingleToInt32Bits(content.Values[i])}"));
            lock (_lock)
            {
                if (_byContent.TryGetValue(key, out var known)) return known;
                var entry = new Entry(content.Slots, content.Values, _known.Count);
                _byContent[key] = entry;
                _known.Add(entry);
                Volatile.Write(ref _count, _known.Count);
                return entry;
            }
        }

        public Entry[] Known()
        {
            lock (_lock) return [.. _known];
        }
    }

    /// <summary>The non-zero slots one text value sets in its block, and the entry's id in the block (-1: none).</summary>
    internal sealed class Entry(int[] slots, float[] values, int id)
    {
        public static readonly Entry Empty = new([], [], -1);

        public int[] Slots { get; } = slots;
        public float[] Values { get; } = values;
        public int Id { get; } = id;

        public static Entry From(ReadOnlySpan<float> block, int id)
        {
            var slots = new List<int>();
            var values = new List<float>();
            for (var i = 0; i < block.Length; i++)
            {
                if (block[i] == 0 && !float.IsNegative(block[i])) continue;
                slots.Add(i);
                values.Add(block[i]);
            }
            return new Entry([.. slots], [.. values], id);
        }
    }
}
