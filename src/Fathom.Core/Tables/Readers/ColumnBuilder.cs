namespace Fathom.Core.Tables.Readers;

/// <summary>
/// Accumulates one column while a reader streams rows. The kind is fixed by the first non-missing value (or by
/// <see cref="Fix"/>); leading missing values are back-filled when it is. Text goes straight into the dictionary
/// through a span lookup, so a repeated category never allocates a string.
/// </summary>
internal sealed class ColumnBuilder(string name)
{
    private ColumnKind? _kind;
    private int _count;
    private int _leadingMissing;
    private double[] _numbers = [];
    private bool _allIntegral = true;
    private int[] _codes = [];
    private long[] _ticks = [];
    private readonly Dictionary<string, int> _dictionary = new(StringComparer.Ordinal);
    private readonly List<string> _categories = [];

    public string Name { get; } = name;

    public ColumnKind? Kind => _kind;

    public int Count => _count + _leadingMissing;

    public void Fix(ColumnKind kind)
    {
        if (_kind is null) Start(kind);
        else if (_kind != kind) throw new ColumnKindMismatchException(_kind.Value, kind);
    }

    public void AddMissing()
    {
        switch (_kind)
        {
            case null: _leadingMissing++; break;
            case ColumnKind.Numeric: AddNumber(double.NaN, integral: true); break;
            case ColumnKind.Categorical: AddCode(CategoricalColumn.MissingCode); break;
            case ColumnKind.Timestamp: AddTicks(TimestampColumn.MissingTicks); break;
        }
    }

    public void AddNumber(double value, bool integral)
    {
        Fix(ColumnKind.Numeric);
        Grow(ref _numbers);
        _numbers[_count++] = value;
        _allIntegral &= integral;
    }

    public void AddText(ReadOnlySpan<char> value)
    {
        Fix(ColumnKind.Categorical);
        var lookup = _dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var code))
        {
            code = _categories.Count;
            var text = value.ToString();
            _dictionary.Add(text, code);
            _categories.Add(text);
        }
        AddCode(code);
    }

    public void AddTicks(long ticks)
    {
        Fix(ColumnKind.Timestamp);
        Grow(ref _ticks);
        _ticks[_count++] = ticks;
    }

    public Column Build()
    {
        // A column with no value at all is numeric and all-missing, as pandas reads an empty column as float64 NaN.
        if (_kind is null) Start(ColumnKind.Numeric);
        return _kind switch
        {
            ColumnKind.Numeric => new NumericColumn(Name, Trim(_numbers), _allIntegral),
            ColumnKind.Categorical => new CategoricalColumn(Name, Trim(_codes), [.. _categories]),
            _ => new TimestampColumn(Name, Trim(_ticks)),
        };
    }

    private void Start(ColumnKind kind)
    {
        _kind = kind;
        var missing = _leadingMissing;
        _leadingMissing = 0;
        for (var i = 0; i < missing; i++) AddMissing();
    }

    private void AddCode(int code)
    {
        Grow(ref _codes);
        _codes[_count++] = code;
    }

    private void Grow<T>(ref T[] array)
    {
        if (_count < array.Length) return;
        Array.Resize(ref array, Math.Max(1024, array.Length * 2));
    }

    private T[] Trim<T>(T[] array)
    {
        if (array.Length != _count) Array.Resize(ref array, _count);
        return array;
    }
}

/// <summary>A value of one kind arrived in a column already holding another; readers add file, row and column.</summary>
internal sealed class ColumnKindMismatchException(ColumnKind existing, ColumnKind arriving)
    : Exception($"expected {Describe(existing)} but found {Describe(arriving)}")
{
    public ColumnKind Existing { get; } = existing;

    public ColumnKind Arriving { get; } = arriving;

    public static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "a number",
        ColumnKind.Categorical => "text",
        _ => "a timestamp",
    };
}
