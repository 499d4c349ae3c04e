using Fathom.Models.MlNet;
using Fathom.Models.MlNet.Trees;
using Fathom.Models.Packaging;
using Microsoft.ML;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// The block scorer (trees outer, rows inner, LightGBM's categorical splits over one-hot airports) against ML.NET on
/// real flights, with missing distances and dates, missing destinations and airports the model never saw.
/// </summary>
public sealed class BlockTreeScoringTests : IDisposable
{
    private static readonly Lazy<Task<DataTable>> Flights = new(() => TableReader.ReadAsync(TestFiles.SharedData("flights-3m.parquet")));

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every <paramref name="step"/>-th flight from <paramref name="first"/>.</summary>
    private static async Task<DataTable> SampleAsync(int first, int step, int rows)
    {
        var flights = await Flights.Value;
        return flights.Take([.. Enumerable.Range(0, rows).Select(i => first + i * step)]);
    }

    /// <summary>The flights without their delay, with gaps and unseen airports put in on a fixed pattern.</summary>
    private static DataTable Damaged(DataTable flights)
    {
        var distance = ((NumericColumn)flights["distance"]).Values.ToArray();
        var ticks = ((TimestampColumn)flights["date"]).Ticks.ToArray();
        var origin = (CategoricalColumn)flights["origin"];
        var destination = (CategoricalColumn)flights["destination"];
        var origins = origin.Codes.ToArray();
        var destinations = destination.Codes.ToArray();
        var unseen = origin.Categories.Count;
        for (var r = 0; r < distance.Length; r++)
        {
            if (r % 7 == 0) distance[r] = double.NaN;
            if (r % 11 == 0) ticks[r] = TimestampColumn.MissingTicks;
            if (r % 13 == 0) origins[r] = unseen;
            if (r % 17 == 0) destinations[r] = CategoricalColumn.MissingCode;
        }
        return new DataTable([
            new TimestampColumn("date", ticks),
            new NumericColumn("distance", distance),
            new CategoricalColumn("origin", origins, [.. origin.Categories, "fathom-unseen-airport"]),
            new CategoricalColumn("destination", destinations, [.. destination.Categories]),
        ]);
    }

    private static DataTable Late(DataTable flights)
    {
        var delays = ((NumericColumn)flights["delay"]).Values.ToArray();
        return new DataTable(flights.Columns.Where(c => c.Name != "delay")
            .Append(new CategoricalColumn("Label", [.. delays.Select(d => d > 15 ? 1 : 0)], ["false", "true"])));
    }

    [Theory]
    [InlineData("lightgbm", true)]
    [InlineData("lightgbm", false)]
    [InlineData("fasttree", true)]
    [InlineData("fasttree", false)]
    public async Task Regressions_on_flights_score_in_blocks_exactly_as_mlnet(string trainer, bool leafMasks)
    {
        var training = await SampleAsync(0, 150, 12_000);
        var folder = TreeModels.Train(training, training["delay"], ml => trainer == "lightgbm"
            ? ml.Regression.Trainers.LightGbm()
            : ml.Regression.Trainers.FastTree(), _dir.Sub("m"));

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Damaged(await SampleAsync(77, 97, 20_000)), leafMasks);

        Assert.True(direct.ScoresTreesInBlocks);
        Assert.Equal(leafMasks && LeafMaskWalk.IsSupported, direct.WalksTreesByLeafMasks);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_lightgbm_binary_classifier_on_flights_scores_in_blocks_exactly_as_mlnet(bool leafMasks)
    {
        var training = Late(await SampleAsync(5, 150, 12_000));
        var folder = TreeModels.Train(training, training["Label"], ml => ml.BinaryClassification.Trainers.LightGbm(), _dir.Sub("m"));

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Damaged(await SampleAsync(31, 89, 20_000)), leafMasks);

        Assert.True(direct.ScoresTreesInBlocks);
        Assert.Equal(leafMasks && LeafMaskWalk.IsSupported, direct.WalksTreesByLeafMasks);
        Assert.Equal(["PredictedLabel", "Score", "Probability"], fast.Columns.Select(c => c.Name));
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Fact]
    public async Task A_model_with_categorical_splits_builds_its_walk_once_until_new_airports_outgrow_it()
    {
        var training = await SampleAsync(0, 150, 6_000);
        var folder = TreeModels.Train(training, training["delay"], ml => ml.Regression.Trainers.LightGbm(), _dir.Sub("m"));
        using var reference = ModelLoader.Load(folder, new ModelLoadOptions { RejectExtraColumns = false, ScoreTreesDirectly = false });
        var direct = (MlNetModel)ModelLoader.Load(folder, new ModelLoadOptions { RejectExtraColumns = false });
        var built = direct.TreeWalksBuilt;

        // A call with every airport grows the table (its stride doubles, so a few builds at most); single rows after
        // it, each with its own one-value dictionary as a JSON request brings them, reuse the walk.
        var many = Damaged(await SampleAsync(3, 41, 20_000));
        TreeModels.AssertSame(reference.Predict(many), direct.Predict(many));
        var grown = direct.TreeWalksBuilt;
        for (var r = 0; r < 20; r++)
        {
            var row = Damaged(await SampleAsync(1000 + r * 31, 1, 1));
            TreeModels.AssertSame(reference.Predict(row), direct.Predict(row));
        }
        TreeModels.AssertSame(reference.Predict(many), direct.Predict(many));

        Assert.True(direct.ScoresTreesInBlocks);
        Assert.Equal(grown, direct.TreeWalksBuilt);
        Assert.InRange(grown - built, 0, 6);
        direct.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_lightgbm_multiclass_model_on_flights_scores_in_blocks_exactly_as_mlnet(bool leafMasks)
    {
        var training = await SampleAsync(7, 150, 12_000);
        var delays = ((NumericColumn)training["delay"]).Values.ToArray();
        string[] buckets = ["early", "on time", "late"];
        var labelled = new DataTable(training.Columns.Where(c => c.Name != "delay")
            .Append(new CategoricalColumn("Label", [.. delays.Select(d => d < 0 ? 0 : d <= 15 ? 1 : 2)], buckets)));
        var folder = TreeModels.Train(labelled, labelled["Label"], ml => ml.MulticlassClassification.Trainers.LightGbm(), _dir.Sub("m"), keyLabel: true);

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Damaged(await SampleAsync(53, 97, 20_000)), leafMasks);

        Assert.True(direct.ScoresTreesInBlocks);
        Assert.Equal(leafMasks && LeafMaskWalk.IsSupported, direct.WalksTreesByLeafMasks);
        Assert.Equal(buckets.Order(), fast.Scores!.Classes.Order());
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }
}
