using Fathom.Models.MlNet;
using Fathom.Models.MlNet.Trees;
using Microsoft.ML;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// The direct tree scorer against ML.NET's own scoring, on real data (penguins: missing numbers and text;
/// Seattle weather): every output of every row must agree within 1e-6 relative.
/// </summary>
public sealed class TreeScoringTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Column Mass(DataTable t) => t["Body Mass (g)"];

    private static Column IsMale(DataTable t)
    {
        var sex = (CategoricalColumn)t["Sex"];
        return new CategoricalColumn("Sex", [.. sex.Codes.ToArray().Select(c => c < 0 ? -1 : sex.Categories[c] == "MALE" ? 1 : 0)], ["false", "true"]);
    }

    /// <summary>Block scorers walk by leaf masks exactly when asked to and the machine has AVX-512 (all these trees have at most 32 leaves).</summary>
    private static void AssertWalk(MlNetModel direct, bool leafMasks) =>
        Assert.Equal(direct.ScoresTreesInBlocks && leafMasks && LeafMaskWalk.IsSupported, direct.WalksTreesByLeafMasks);

    private static DataTable Without(DataTable t, string name) => new(t.Columns.Where(c => c.Name != name));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LightGbm_regression_with_missing_values_one_hot_and_hashing_matches_mlnet_on_penguins(bool leafMasks)
    {
        var penguins = await TreeModels.PenguinsAsync();
        var folder = TreeModels.Train(penguins, Mass(penguins), ml => ml.Regression.Trainers.LightGbm(), _dir.Sub("m"), hashed: ["Island"]);

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Without(penguins, "Body Mass (g)"), leafMasks);

        Assert.True(direct.ScoresTreesDirectly);
        AssertWalk(direct, leafMasks);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FastTree_regression_with_timestamp_parts_matches_mlnet_on_seattle_weather(bool leafMasks)
    {
        var weather = await TreeModels.WeatherAsync();
        var folder = TreeModels.Train(weather, weather["temp_max"], ml => ml.Regression.Trainers.FastTree(), _dir.Sub("m"));

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Without(weather, "temp_max"), leafMasks);

        Assert.True(direct.ScoresTreesDirectly);
        AssertWalk(direct, leafMasks);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FastForest_regression_averages_its_trees_as_mlnet_does(bool leafMasks)
    {
        var weather = await TreeModels.WeatherAsync();
        var folder = TreeModels.Train(weather, weather["wind"], ml => ml.Regression.Trainers.FastForest(), _dir.Sub("m"));

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Without(weather, "wind"), leafMasks);

        Assert.True(direct.ScoresTreesDirectly);
        AssertWalk(direct, leafMasks);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Theory]
    [InlineData("lightgbm", true)]
    [InlineData("lightgbm", false)]
    [InlineData("fasttree", true)]
    [InlineData("fasttree", false)]
    public async Task Binary_classifiers_give_the_same_labels_scores_and_probabilities_as_mlnet(string trainer, bool leafMasks)
    {
        var penguins = await TreeModels.PenguinsAsync();
        var labelled = new DataTable(penguins.Columns.Where(c => c.Name != "Sex").Append(IsMale(penguins)));
        var folder = TreeModels.Train(Without(labelled, "Sex"), labelled["Sex"], ml => trainer == "lightgbm"
            ? ml.BinaryClassification.Trainers.LightGbm()
            : ml.BinaryClassification.Trainers.FastTree(), _dir.Sub("m"));

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Without(penguins, "Sex"), leafMasks);

        Assert.True(direct.ScoresTreesDirectly);
        AssertWalk(direct, leafMasks);
        Assert.Equal(["PredictedLabel", "Score", "Probability"], fast.Columns.Select(c => c.Name));
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Single_rows_and_unseen_text_score_as_in_mlnet(bool leafMasks)
    {
        var penguins = await TreeModels.PenguinsAsync();
        var folder = TreeModels.Train(penguins, Mass(penguins), ml => ml.Regression.Trainers.FastTree(), _dir.Sub("m"));
        var row = new DataTable([
            new CategoricalColumn("Species", [0], ["Unknown species"]),
            new CategoricalColumn("Island", [-1], []),
            new NumericColumn("Beak Length (mm)", [double.NaN]),
            new NumericColumn("Beak Depth (mm)", [18.2]),
            new NumericColumn("Flipper Length (mm)", [201]),
            new CategoricalColumn("Sex", [0], ["FEMALE"]),
        ]);

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, row, leafMasks);

        Assert.True(direct.ScoresTreesDirectly);
        AssertWalk(direct, leafMasks);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }
}
