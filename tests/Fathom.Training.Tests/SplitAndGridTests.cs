using Fathom.Training.Data;

namespace Fathom.Training.Tests;

public sealed class SplitAndGridTests
{
    [Fact]
    public void A_seeded_split_is_deterministic_disjoint_and_complete()
    {
        var rows = Enumerable.Range(0, 1000).Where(i => i % 7 != 0).ToArray();

        var (train, validation) = DataSplit.Split(rows, 0.2, seed: 5);
        var (train2, validation2) = DataSplit.Split(rows, 0.2, seed: 5);
        var (_, other) = DataSplit.Split(rows, 0.2, seed: 6);

        Assert.Equal(train, train2);
        Assert.Equal(validation, validation2);
        Assert.NotEqual(validation, other);
        Assert.Equal((int)Math.Round(rows.Length * 0.2), validation.Length);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(rows, train.Concat(validation).Order());
    }

    [Fact]
    public void A_split_leaving_no_validation_rows_is_an_error()
    {
        var error = Assert.Throws<Fathom.Core.Errors.FathomException>(() => DataSplit.Split([1, 2], 0.1, 1));

        Assert.Contains("leaves no validation rows", error.Message);
    }

    [Fact]
    public void A_sweep_grid_has_one_combination_per_value_pair()
    {
        var grid = SweepGrid.Expand(new Dictionary<string, IReadOnlyList<string>>
        {
            ["NumberOfLeaves"] = ["4", "8"], ["LearningRate"] = ["0.1", "0.2", "0.3"],
        });

        Assert.Equal(6, grid.Count);
        Assert.Equal("NumberOfLeaves=4,LearningRate=0.1", SweepGrid.Describe(grid[0]));
        Assert.Equal("NumberOfLeaves=8,LearningRate=0.3", SweepGrid.Describe(grid[5]));
        Assert.Equal(6, grid.Select(SweepGrid.Describe).Distinct().Count());
    }
}
