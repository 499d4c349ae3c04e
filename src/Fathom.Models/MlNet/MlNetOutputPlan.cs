using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.MlNet;

/// <summary>
/// Which prediction columns a transformed ML.NET schema has and how each is copied out: the label
/// (<c>PredictedLabel</c>: boolean, text, key or number), the <c>Score</c> (a value, or one per class with the
/// class names from its slot names) and the <c>Probability</c>. Made once per model; <see cref="Buffers"/> hold
/// one prediction's arrays, filled by row ranges so several cursors can write in parallel.
/// </summary>
internal sealed class MlNetOutputPlan
{
    private readonly DataViewType? _labelType;
    private readonly int _scoreWidth;

    public MlNetOutputPlan(DataViewSchema output)
    {
        Label = output.GetColumnOrNull("PredictedLabel");
        Score = output.GetColumnOrNull("Score");
        Probability = output.GetColumnOrNull("Probability");
        _labelType = Label?.Type;
        if (Score is { Type: VectorDataViewType vector })
        {
            _scoreWidth = vector.Size;
            ClassNames = SlotNames(Score.Value, _scoreWidth) ?? (Label is { } l ? KeyValues(l) : null)
                ?? Enumerable.Range(0, _scoreWidth).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        LabelCategories = _labelType switch
        {
            BooleanDataViewType => ["false", "true"],
            KeyDataViewType => KeyValues(Label!.Value) ?? ClassNames,
            TextDataViewType => ClassNames,
            _ => null,
        };
        if (Label is null && Score is null)
            throw FathomException.InvalidParameter("The ML.NET model produces neither a PredictedLabel nor a Score column.");
    }

    public DataViewSchema.Column? Label { get; }

    public DataViewSchema.Column? Score { get; }

    public DataViewSchema.Column? Probability { get; }

    /// <summary>Class names for a per-class Score, in slot order.</summary>
    public string[]? ClassNames { get; }

    /// <summary>The label dictionary for boolean, key and text labels; null for numeric labels.</summary>
    public string[]? LabelCategories { get; }

    public IEnumerable<DataViewSchema.Column> Needed =>
        new[] { Label, Score, Probability }.Where(c => c is not null).Select(c => c!.Value);

    public Buffers Allocate(int rows) => new(this, rows);

    /// <summary>
    /// Copies the prediction columns of <paramref name="cursor"/> (a cursor, or a mapped row that
    /// <paramref name="moveNext"/> advances) into the buffers from row <paramref name="offset"/> on.
    /// </summary>
    public void Fill(DataViewRow cursor, Func<bool> moveNext, Buffers buffers, int offset)
    {
        var label = LabelReader(cursor, buffers);
        var score = ScoreReader(cursor, buffers);
        var probability = Probability is { } p && p.Type.RawType == typeof(float) ? cursor.GetGetter<float>(cursor.Schema[p.Name]) : null;
        var row = offset;
        float value = 0;
        while (moveNext())
        {
            label?.Invoke(row);
            score?.Invoke(row);
            if (probability is not null)
            {
                probability(ref value);
                buffers.Probability![row] = value;
            }
            row++;
        }
    }

    private Action<int>? LabelReader(DataViewRow cursor, Buffers b)
    {
        if (Label is not { } planned) return null;
        var column = cursor.Schema[planned.Name];
        switch (_labelType)
        {
            case BooleanDataViewType:
                var flag = cursor.GetGetter<bool>(column);
                return row => { var v = false; flag(ref v); b.LabelCodes![row] = v ? 1 : 0; };
            case KeyDataViewType:
                var key = cursor.GetGetter<uint>(column);
                return row => { uint v = 0; key(ref v); b.LabelCodes![row] = (int)v - 1; };
            case TextDataViewType:
                var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                return row => { ReadOnlyMemory<char> v = default; text(ref v); b.LabelCodes![row] = b.LabelIndex!.CodeOf(v.Span); };
            case NumberDataViewType when column.Type.RawType == typeof(float):
                var single = cursor.GetGetter<float>(column);
                return row => { float v = 0; single(ref v); b.LabelNumbers![row] = v; };
            case NumberDataViewType when column.Type.RawType == typeof(double):
                var dbl = cursor.GetGetter<double>(column);
                return row => { double v = 0; dbl(ref v); b.LabelNumbers![row] = v; };
            default:
                throw FathomException.InvalidParameter($"PredictedLabel has type {column.Type}, which Fathom cannot return.");
        }
    }

    private Action<int>? ScoreReader(DataViewRow cursor, Buffers b)
    {
        if (Score is not { } planned) return null;
        var column = cursor.Schema[planned.Name];
        if (_scoreWidth > 0)
        {
            var vector = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            return row => { vector(ref buffer); buffer.CopyTo(b.ScoreMatrix.AsSpan(row * _scoreWidth, _scoreWidth)); };
        }
        var scalar = cursor.GetGetter<float>(column);
        return row => { float v = 0; scalar(ref v); b.Score![row] = v; };
    }

    private static string[]? SlotNames(DataViewSchema.Column column, int width)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is null) return null;
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue("SlotNames", ref names);
        var result = names.DenseValues().Select(n => n.ToString()).ToArray();
        return result.Length == width && result.All(n => n.Length > 0) ? result : null;
    }

    private static string[]? KeyValues(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull("KeyValues") is not { Type: VectorDataViewType values }) return null;
        if (values.ItemType is TextDataViewType)
        {
            var text = default(VBuffer<ReadOnlyMemory<char>>);
            column.Annotations.GetValue("KeyValues", ref text);
            return text.DenseValues().Select(v => v.ToString()).ToArray();
        }
        if (values.ItemType.RawType == typeof(float))
        {
            var numbers = default(VBuffer<float>);
            column.Annotations.GetValue("KeyValues", ref numbers);
            return numbers.DenseValues().Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        }
        return null;
    }

    /// <summary>One prediction's output arrays.</summary>
    internal sealed class Buffers
    {
        public Buffers(MlNetOutputPlan plan, int rows)
        {
            if (plan.LabelCategories is not null) LabelCodes = new int[rows];
            else if (plan.Label is not null) LabelNumbers = new double[rows];
            if (plan._labelType is TextDataViewType) LabelIndex = new LabelIndex(plan.LabelCategories ?? []);
            if (plan._scoreWidth > 0) ScoreMatrix = new float[rows * plan._scoreWidth];
            else if (plan.Score is not null) Score = new double[rows];
            if (plan.Probability is not null) Probability = new double[rows];
        }

        public int[]? LabelCodes;
        public double[]? LabelNumbers;
        public LabelIndex? LabelIndex;
        public float[] ScoreMatrix = [];
        public double[]? Score;
        public double[]? Probability;
    }
}
