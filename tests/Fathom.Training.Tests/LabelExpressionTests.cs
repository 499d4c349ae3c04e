using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Training.Data;

namespace Fathom.Training.Tests;

public sealed class LabelExpressionTests
{
    private static readonly NumericColumn Delay = new("delay", [-5, 15, 16, double.NaN, 40]);

    [Theory]
    [InlineData("delay > 15", new[] { false, false, true, true })]
    [InlineData("delay >= 15", new[] { false, true, true, true })]
    [InlineData("delay<0", new[] { true, false, false, false })]
    [InlineData("`delay` == 16", new[] { false, false, true, false })]
    [InlineData("delay != 16", new[] { true, true, false, true })]
    [InlineData("delay <= -5.0e0", new[] { true, false, false, false })]
    public void A_comparison_labels_every_known_row_and_leaves_missing_rows_unlabeled(string expression, bool[] expected)
    {
        var labels = LabelExpression.Parse(expression).Evaluate(Delay, "f.csv");

        Assert.Null(labels[3]);
        Assert.Equal(expected, labels.Where((_, i) => i != 3).Select(l => l!.Value));
    }

    [Fact]
    public void Text_equality_labels_a_text_column()
    {
        var weather = new CategoricalColumn("weather", [0, 1, -1, 0], ["rain", "sun"]);

        var labels = LabelExpression.Parse("weather == \"rain\"").Evaluate(weather, "f.csv");

        Assert.Equal([true, false, null, true], labels);
    }

    [Theory]
    [InlineData("delay")]
    [InlineData("delay > ")]
    [InlineData("delay > 15; rm -rf /")]
    [InlineData("delay + 1 > 15")]
    [InlineData("weather > \"rain\"")]
    public void Anything_but_one_comparison_is_rejected_with_the_expected_form(string expression)
    {
        var error = Assert.Throws<FathomException>(() => LabelExpression.Parse(expression));

        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Contains(expression.Contains('"') ? "==" : "column op number", error.Message);
    }

    [Fact]
    public void Comparing_a_text_column_with_a_number_names_the_file_and_column()
    {
        var weather = new CategoricalColumn("weather", [0], ["rain"]);

        var error = Assert.Throws<FathomException>(() => LabelExpression.Parse("weather > 1").Evaluate(weather, "w.csv"));

        Assert.Contains("w.csv", error.Message);
        Assert.Contains("'weather'", error.Message);
    }
}
