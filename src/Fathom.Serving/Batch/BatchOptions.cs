namespace Fathom.Serving.Batch;

/// <summary>What <see cref="BatchPredictor"/> writes besides the predictions.</summary>
public sealed record BatchOptions
{
    /// <summary>Every input column is copied to the output.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>
    /// The input columns copied to the output beside the predictions, in this order (e.g. an id column to join on);
    /// empty for the predictions alone; null (default) for every input column. Copying the inputs is most of the
    /// output's cost on a wide file, so naming only a key makes batch scoring cheaper.
    /// </summary>
    public IReadOnlyList<string>? KeepColumns { get; init; }
}
