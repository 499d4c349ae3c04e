using Fathom.Core.Tables;
using Fathom.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Tests;

public sealed class ColumnarDataViewTests
{
    [Fact]
    public void A_cursor_reads_the_selected_rows_from_the_arrays_with_missing_as_NaN_and_empty_text()
    {
        var table = new DataTable([
            new NumericColumn("x", [1.5, double.NaN, 3, 4]),
            new CategoricalColumn("city", [1, 0, -1, 1], ["Oslo", "Rome"]),
        ]);
        var features = new FeatureSet(["x"], ["city"], []);
        var view = new ColumnarDataView(FeatureColumns.Build(table, features, "t.csv"), [3, 1, 2]);

        var x = view.GetColumn<float>(view.Schema["x"]).ToArray();
        var city = view.GetColumn<ReadOnlyMemory<char>>(view.Schema["city"]).Select(m => m.ToString()).ToArray();

        Assert.Equal(3, view.GetRowCount());
        Assert.Equal([4f, float.NaN, 3f], x);
        Assert.Equal(["Rome", "Oslo", ""], city);
    }
}
