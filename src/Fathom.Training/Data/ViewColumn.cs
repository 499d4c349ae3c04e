using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>
/// One column of a <see cref="ColumnarDataView"/>: a name, an ML.NET type and a function from row index to value
/// that reads straight out of a columnar array, so no row object ever exists.
/// </summary>
internal abstract class ViewColumn(string name, DataViewType type)
{
    public string Name { get; } = name;

    public DataViewType Type { get; } = type;

    public abstract Delegate CreateGetter(Func<int> currentRow);
}

internal sealed class ViewColumn<T>(string name, DataViewType type, Func<int, T> valueAt) : ViewColumn(name, type)
{
    public override Delegate CreateGetter(Func<int> currentRow) => new ValueGetter<T>((ref T value) => value = valueAt(currentRow()));
}
