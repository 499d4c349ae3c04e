using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// The direct scorer on one-versus-all multiclass models (LightGBM multiclass, OVA-wrapped FastTree and FastForest)
/// against ML.NET's own scoring of the same saved package: every class score of every row within 1e-6 relative, and
/// the same predicted label text, on real data (Seattle weather; penguins with missing numbers and text; flights
/// with categorical splits, scored in blocks).
/// </summary>
public sealed class MulticlassTreeScoringTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DataTable Without(DataTable t, string name) => new(t.Columns.Where(c => c.Name != name));

    private static void AssertLabelsAreClasses(ModelOutput output)
    {
        var labels = (CategoricalColumn)output.Prediction;
        Assert.All(Enumerable.Range(0, output.RowCount), r => Assert.Contains(labels.Format(r), output.Scores!.Classes));
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("lightgbm-softmax")]
    [InlineData("fasttree")]
    [InlineData("fastforest")]
    public async Task Multiclass_tree_models_give_mlnets_class_scores_and_labels_on_seattle_weather(string trainer)
    {
        var weather = await TreeModels.WeatherAsync();
        var folder = TreeModels.Train(weather, weather["weather"], ml => trainer switch
        {
            "lightgbm" => ml.MulticlassClassification.Trainers.LightGbm(),
            "lightgbm-softmax" => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { UseSoftmax = true }),
            "fasttree" => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 20)),
            _ => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(numberOfTrees: 20)),
        }, _dir.Sub("m"), keyLabel: true);

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Without(weather, "weather"));

        Assert.True(direct.ScoresTreesDirectly);
        Assert.Equal(["drizzle", "fog", "rain", "snow", "sun"], fast.Scores!.Classes.Order());
        TreeModels.AssertSame(reference, fast);
        AssertLabelsAreClasses(fast);
        direct.Dispose();
    }

    [Fact]
    public async Task An_ova_fasttree_on_penguins_with_missing_values_one_hot_and_hashing_matches_mlnet()
    {
        var penguins = await TreeModels.PenguinsAsync();
        var folder = TreeModels.Train(Without(penguins, "Species"), penguins["Species"],
            ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 30)),
            _dir.Sub("m"), hashed: ["Island"], keyLabel: true);
        var input = Without(penguins, "Species");

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, input);
        // One row alone takes the few-row path, which walks eight trees at once across the classes' trees.
        var (oneDirect, oneFast, oneReference) = TreeModels.ScoreBothWays(folder, input.Take([3]));
        oneDirect.Dispose();

        Assert.True(direct.ScoresTreesDirectly);
        TreeModels.AssertSame(reference, fast);
        TreeModels.AssertSame(oneReference, oneFast);
        direct.Dispose();
    }
}
