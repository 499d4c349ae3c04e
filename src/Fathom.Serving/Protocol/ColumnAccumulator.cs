using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>
/// One column of a scoring request while it is parsed. Unlike the file readers' builder it starts tiny (most requests
/// carry one row) and fixes its kind on the first non-missing value; a value of another kind is reported by the
/// caller, which knows the row.
/// <para>
/// The first value goes into an exact one-element array (a single-row request allocates nothing else); past that the
/// column grows in per-thread scratch arrays (<see cref="ScratchArrays{T}"/>) and <see cref="Build"/> copies it once into an array of the exact length.
/// </para>
/// </summary>
internal sealed class ColumnAccumulator(string name)
{
    private ColumnKind? _kind;
    private int _count;
    private double[] _numbers = [];
    private bool _numbersPooled;
    private bool _integral = true;
    private int[] _codes = [];
    private bool _codesPooled;
    private Dictionary<string, int>? _dictionary;
    private List<string>? _categories;

    public string Name { get; } = name;

    public ColumnKind? Kind => _kind;

    public int Count => _count;

    public void AddMissing()
    {
        // Until the kind is known a missing value is recorded as both NaN and code -1; Build keeps the right one.
        Grow(ref _numbers, ref _numbersPooled);
        Grow(ref _codes, ref _codesPooled);
        _numbers[_count] = double.NaN;
        _codes[_count] = CategoricalColumn.MissingCode;
        _count++;
    }

    /// <returns>false when the column already holds text.</returns>
    public bool TryAddNumber(double value, bool integral)
    {
        if (_kind == ColumnKind.Categorical) return false;
        _kind = ColumnKind.Numeric;
        Grow(ref _numbers, ref _numbersPooled);
        _numbers[_count++] = value;
        _integral &= integral;
        return true;
    }

    /// <returns>false when the column already holds numbers.</returns>
    public bool TryAddText(ReadOnlySpan<char> value)
    {
        if (_kind == ColumnKind.Numeric) return false;
        if (_kind is null)
        {
            _kind = ColumnKind.Categorical;
            _dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
            _categories = [];
        }
        var lookup = _dictionary!.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var code))
        {
            code = _categories!.Count;
            var text = value.ToString();
            _dictionary.Add(text, code);
            _categories.Add(text);
        }
        Grow(ref _codes, ref _codesPooled);
        _codes[_count++] = code;
        return true;
    }

    public Column Build()
    {
        // A column of nothing but missing values is numeric, as pandas reads it (float64 NaN).
        var column = _kind == ColumnKind.Categorical
            ? (Column)new CategoricalColumn(Name, Exact(_codes, _codesPooled), [.. _categories!])
            : new NumericColumn(Name, Exact(_numbers, _numbersPooled), _integral && _kind is not null);
        if (_numbersPooled) ScratchArrays<double>.Return(_numbers);
        if (_codesPooled) ScratchArrays<int>.Return(_codes);
        (_numbers, _codes, _numbersPooled, _codesPooled) = ([], [], false, false);
        return column;
    }

    private void Grow<T>(ref T[] array, ref bool pooled)
    {
        if (_count < array.Length) return;
        if (_count == 0)
        {
            array = new T[1];
            return;
        }
        // The other kind's array may lag behind (it is only written while the kind is unknown): copy what it has.
        var grown = ScratchArrays<T>.Rent(Math.Max(_count + 1, array.Length * 2));
        array.AsSpan(0, Math.Min(array.Length, _count)).CopyTo(grown);
        if (pooled) ScratchArrays<T>.Return(array);
        array = grown;
        pooled = true;
    }

    private T[] Exact<T>(T[] array, bool pooled) =>
        !pooled && array.Length == _count ? array : array.AsSpan(0, _count).ToArray();
}
