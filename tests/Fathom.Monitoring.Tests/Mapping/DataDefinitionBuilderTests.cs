using Fathom.Core.Errors;
using Fathom.Monitoring.Mapping;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Mapping;

public sealed class DataDefinitionBuilderTests
{
    private static readonly Fathom.Core.Tables.DataTable Sample = Of(
        Num("price", 1.5, 2.5, 3.5, 4.5, 5.5, 6.5),
        Int("rooms", 1, 2, 3, 1, 2, 3),
        Int("year", 2001, 2002, 2003, 2004, 2005, 2006),
        Cat("city", "a", "b", "a", "b", "a", "b"),
        Num("target", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6));

    [Fact]
    public void Integers_with_at_most_five_values_are_categorical_as_in_Evidently()
    {
        var definition = DataDefinitionBuilder.Build(Sample, Sample, new ColumnMapping());

        var types = definition.Features.ToDictionary(f => f.Name, f => f.Type);
        Assert.Equal(FeatureType.Numerical, types["price"]);
        Assert.Equal(FeatureType.Categorical, types["rooms"]);
        Assert.Equal(FeatureType.Numerical, types["year"]);
        Assert.Equal(FeatureType.Categorical, types["city"]);
    }

    [Fact]
    public void A_column_named_target_is_the_target_and_not_a_feature()
    {
        var definition = DataDefinitionBuilder.Build(Sample, Sample, new ColumnMapping());

        Assert.Equal(new ColumnDefinition("target", FeatureType.Numerical), definition.Target);
        Assert.Equal("regression", definition.Task);
        Assert.DoesNotContain(definition.Features, f => f.Name == "target");
    }

    [Fact]
    public void A_numeric_target_with_few_values_makes_a_classification_task()
    {
        var definition = DataDefinitionBuilder.Build(Sample, Sample, new ColumnMapping { Target = "rooms" });

        Assert.Equal(FeatureType.Categorical, definition.Target!.Type);
        Assert.Equal("classification", definition.Task);
    }

    [Fact]
    public void Explicit_feature_lists_replace_inference()
    {
        var definition = DataDefinitionBuilder.Build(Sample, Sample, new ColumnMapping { NumericalFeatures = ["rooms"], CategoricalFeatures = ["year"] });

        Assert.Equal([new("rooms", FeatureType.Numerical), new("year", FeatureType.Categorical)], definition.Features);
    }

    [Fact]
    public void A_missing_target_column_is_named_in_the_error()
    {
        var error = Assert.Throws<FathomException>(() => DataDefinitionBuilder.Build(Sample, Sample, new ColumnMapping { Target = "churned" }));

        Assert.Equal("The target column 'churned' is not in the data.", error.Message);
    }

    [Fact]
    public void Mismatched_columns_are_listed_by_dataset()
    {
        var current = Of(Num("price", 1), Num("extra", 2));

        var error = Assert.Throws<FathomException>(() => DataDefinitionBuilder.Build(Of(Num("price", 1), Num("old", 1)), current, new ColumnMapping()));

        Assert.Contains("only in the reference: 'old'", error.Message);
        Assert.Contains("only in the current: 'extra'", error.Message);
    }

    [Fact]
    public void Empty_data_is_a_clear_error()
    {
        var error = Assert.Throws<FathomException>(() => DataDefinitionBuilder.Build(Sample, Of(Num("price")), new ColumnMapping()));

        Assert.Equal("The current data has no rows.", error.Message);
    }

    [Fact]
    public void A_column_of_numbers_in_one_dataset_and_text_in_the_other_is_named()
    {
        var error = Assert.Throws<FathomException>(() => DataDefinitionBuilder.Build(Of(Num("x", 1)), Of(Cat("x", "a")), new ColumnMapping()));

        Assert.Contains("Column 'x' holds numbers in the reference but text in the current data", error.Message);
    }
}
