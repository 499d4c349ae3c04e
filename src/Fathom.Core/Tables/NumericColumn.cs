using System.Globalization;

namespace Fathom.Core.Tables;

/// <summary>
/// Numbers as one <c>double[]</c>. Missing values are NaN (a NaN in the source is missing too, as in pandas).
/// <see cref="IsInteger"/> records that the source held whole numbers with no missing value, which is what pandas
/// would read as an integer dtype; monitoring uses it to decide whether a numeric column is categorical.
/// </summary>
public sealed class NumericColumn : Column
{
    private readonly double[] _values;
    private int _missing = -1;

    public NumericColumn(string name, double[] values, bool isInteger = false) : base(name, values.Length)
    {
        _values = values;
        IsInteger = isInteger && MissingCount == 0;
    }

    public override ColumnKind Kind => ColumnKind.Numeric;

    public bool IsInteger { get; }

    public ReadOnlySpan<double> Values => _values;

    public override int MissingCount
    {
        get
        {
            if (_missing < 0)
            {
                var count = 0;
                foreach (var v in _values) if (double.IsNaN(v)) count++;
                _missing = count;
            }
            return _missing;
        }
    }

    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    public override string? Format(int row) =>
        IsMissing(row) ? null : _values[row].ToString("R", CultureInfo.InvariantCulture);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) values[i] = _values[rows[i]];
        return new NumericColumn(Name, values, IsInteger);
    }

    public override Column Rename(string name) => new NumericColumn(name, _values, IsInteger);
}
