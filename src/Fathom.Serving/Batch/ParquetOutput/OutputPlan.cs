using Fathom.Core.Tables;

namespace Fathom.Serving.Batch.ParquetOutput;

/// <summary>
/// Where each output column comes from, fixed by the first chunk so every row group has the same schema: an input
/// column kept as it was read is copied from the input file; any other column is encoded.
/// </summary>
internal sealed class OutputPlan
{
    private OutputPlan(IReadOnlyList<int> sources)
    {
        Sources = sources;
        Encoded = Enumerable.Range(0, sources.Count).Where(c => sources[c] < 0).ToArray();
    }

    /// <summary>Per output column: the input column copied into it, or -1 when it is encoded.</summary>
    public IReadOnlyList<int> Sources { get; }

    /// <summary>The output columns that are encoded, in order.</summary>
    public IReadOnlyList<int> Encoded { get; }

    public static OutputPlan For(DataTable input, DataTable scored, InputColumns? file) =>
        new(scored.Columns.Select(column => file is not null && IsUnchanged(input, column) ? file.IndexOf(column.Name) : -1).ToArray());

    /// <summary>An output column that is the very column read from the input (not an output of the same name).</summary>
    private static bool IsUnchanged(DataTable input, Column column) =>
        input.TryGetColumn(column.Name, out var read) && ReferenceEquals(read, column);
}
