using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Quality;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Quality;

public sealed class DataQualityCalculatorTests
{
    [Fact]
    public void Constant_almost_constant_and_duplicated_columns_are_listed()
    {
        var ones = Enumerable.Repeat(1.0, 40).ToArray();
        var almost = Enumerable.Repeat(2.0, 40).ToArray();
        almost[0] = 3;
        var table = Of(Num("one", ones), Num("almost", almost), Num("copy", almost.ToArray()), Num("ramp", Enumerable.Range(0, 40).Select(i => (double)i).ToArray()));
        var definition = DataDefinitionBuilder.Build(table, table, new ColumnMapping { NumericalFeatures = ["one", "almost", "copy", "ramp"] });

        var result = DataQualityCalculator.Calculate(table, table, definition);

        Assert.Equal(["one"], result.Current.ConstantColumns);
        Assert.Equal(["one", "almost", "copy"], result.Current.AlmostConstantColumns);
        Assert.Equal([["almost", "copy"]], result.Current.DuplicatedColumns);
    }

    [Fact]
    public void Current_values_outside_the_reference_range_are_counted()
    {
        var reference = Of(Num("x", 1, 2, 3, 4, 5, 6, 7));
        var current = Of(Num("x", 0, 2, 3, 8, 9, double.NaN, 5));
        var definition = DataDefinitionBuilder.Build(reference, current, new ColumnMapping());

        var column = DataQualityCalculator.Calculate(reference, current, definition).Columns.Single();

        Assert.Equal(3, column.OutOfRangeCount);
        Assert.Equal(0.5, column.OutOfRangeShare);
        Assert.Equal(1, column.Current.MissingCount);
    }

    [Fact]
    public void Categories_gone_from_the_current_data_are_listed()
    {
        var reference = Of(Cat("c", "a", "b", "c"));
        var current = Of(Cat("c", "a", "a", "d", null));
        var definition = DataDefinitionBuilder.Build(reference, current, new ColumnMapping());

        var column = DataQualityCalculator.Calculate(reference, current, definition).Columns.Single();

        Assert.Equal(["d"], column.NewCategories);
        Assert.Equal(1, column.NewCategoryRows);
        Assert.Equal(["b", "c"], column.MissingCategories);
        Assert.Equal(new ValueCount("a", 2, 2.0 / 3), column.Current.MostCommon[0]);
    }
}
