namespace Fathom.Models;

/// <summary>How <see cref="Packaging.ModelLoader"/> loads a package.</summary>
public sealed class ModelLoadOptions
{
    /// <summary>The defaults: extra input columns rejected, runtimes choose their own thread counts.</summary>
    public static ModelLoadOptions Default { get; } = new();

    /// <summary>
    /// True (default): an input column the signature does not name is an error. False: such columns are ignored,
    /// as MLflow's schema enforcement does.
    /// </summary>
    public bool RejectExtraColumns { get; init; } = true;

    /// <summary>
    /// Threads one prediction may use (ONNX Runtime's intra-op threads; the row ranges an ML.NET model scores at once);
    /// null leaves the default (all cores). Batch scoring sets 1 and scores several chunks at once instead.
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>
    /// True (default): FastTree, FastForest and LightGBM models whose featurizer Fathom understands are scored by
    /// walking their trees directly over the input columns (identical results, checked when the model loads); false
    /// always goes through ML.NET's transform chain.
    /// </summary>
    public bool ScoreTreesDirectly { get; init; } = true;

    /// <summary>
    /// True (default): the direct tree scorer walks blocks of rows by leaf masks with AVX-512 where the machine and the
    /// trees allow it; false keeps the table walk (tests compare the two).
    /// </summary>
    internal bool WalkTreesByLeafMasks { get; init; } = true;
}
