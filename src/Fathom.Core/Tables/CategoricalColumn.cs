namespace Fathom.Core.Tables;

/// <summary>
/// Text values dictionary-encoded: one <c>int</c> code per row (-1 when missing) into <see cref="Categories"/>.
/// Counting categories is one pass over the codes; no row ever holds its own string.
/// </summary>
public sealed class CategoricalColumn : Column
{
    public const int MissingCode = -1;

    private readonly int[] _codes;
    private readonly string[] _categories;
    private int _missing = -1;

    public CategoricalColumn(string name, int[] codes, string[] categories) : base(name, codes.Length)
    {
        _codes = codes;
        _categories = categories;
    }

    public override ColumnKind Kind => ColumnKind.Categorical;

    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The dictionary; some entries may have no row left after <see cref="Take"/>.</summary>
    public IReadOnlyList<string> Categories => _categories;

    public override int MissingCount
    {
        get
        {
            if (_missing < 0)
            {
                var count = 0;
                foreach (var c in _codes) if (c == MissingCode) count++;
                _missing = count;
            }
            return _missing;
        }
    }

    public override bool IsMissing(int row) => _codes[row] == MissingCode;

    public override string? Format(int row) => IsMissing(row) ? null : _categories[_codes[row]];

    /// <summary>Rows per dictionary entry, in dictionary order.</summary>
    public long[] CountPerCategory()
    {
        var counts = new long[_categories.Length];
        foreach (var c in _codes) if (c != MissingCode) counts[c]++;
        return counts;
    }

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) codes[i] = _codes[rows[i]];
        return new CategoricalColumn(Name, codes, _categories);
    }

    public override Column Rename(string name) => new CategoricalColumn(name, _codes, _categories);
}
