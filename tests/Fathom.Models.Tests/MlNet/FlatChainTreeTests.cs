using Microsoft.ML;
using Fathom.Models.Packaging;
using Microsoft.ML.Data;

namespace Fathom.Models.Tests.MlNet;

/// <summary>
/// A model fitted as one flat chain (<c>Concatenate(...).Append(FastTree(...))</c>, the shape most ML.NET code writes)
/// loads, scores its trees directly and agrees with ML.NET.
/// </summary>
public sealed class FlatChainTreeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private class Row
    {
        public float A, B, C, Label;
    }

    /// <summary>ML.NET puts public getters in the schema too: this one becomes a Vector&lt;Double&gt; input column.</summary>
    private sealed class RowWithVector : Row
    {
        public double[] Values => [A, B, C];
    }

    private static List<T> Rows<T>() where T : Row, new()
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, 2_000).Select(_ => new T { A = random.NextSingle(), B = random.NextSingle(), C = random.NextSingle() })
            .Select(r => { r.Label = r.A + 2 * r.B + (r.C > 0.5f ? 3 : 0); return r; })];
    }

    private string Save<T>(List<T> rows) where T : Row
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Concatenate("Features", "A", "B", "C").Append(ml.Regression.Trainers.FastTree(numberOfTrees: 20)).Fit(data);
        var folder = _dir.Sub("m");
        var example = new DataTable([new NumericColumn("A", [0.1]), new NumericColumn("B", [0.2]), new NumericColumn("C", [0.9])]);
        ModelPackage.SaveMlNet(model, data.Schema, folder, inputExample: example);
        return folder;
    }

    private static DataTable Input<T>(List<T> rows) where T : Row => new([
        new NumericColumn("A", [.. rows.Select(r => (double)r.A)]),
        new NumericColumn("B", [.. rows.Select(r => (double)r.B)]),
        new NumericColumn("C", [.. rows.Select(r => (double)r.C)]),
    ]);

    [Fact]
    public void A_flat_concatenate_and_fasttree_chain_is_scored_directly_as_mlnet_scores_it()
    {
        var rows = Rows<Row>();
        var folder = Save(rows);
        var input = Input(rows);

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, input);

        Assert.True(direct.ScoresTreesDirectly);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }

    [Fact]
    public void A_model_whose_input_schema_holds_a_vector_column_loads_and_predicts_through_mlnet()
    {
        var rows = Rows<RowWithVector>();
        var folder = Save(rows);

        var (direct, fast, reference) = TreeModels.ScoreBothWays(folder, Input(rows));

        Assert.False(direct.ScoresTreesDirectly);
        Assert.Equal(rows.Count, fast.RowCount);
        TreeModels.AssertSame(reference, fast);
        direct.Dispose();
    }
}
