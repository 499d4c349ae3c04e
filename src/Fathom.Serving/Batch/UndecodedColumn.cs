using Fathom.Core.Tables;

namespace Fathom.Serving.Batch;

/// <summary>
/// An input column that a batch run reads past without decoding: the model does not read it, and the output either
/// leaves it out or copies its encoded pages from the input file. It holds its name, kind and length, so the chunk keeps
/// its column list (and <see cref="ParquetOutput.OutputPlan"/> its copy sources), but no values: asking for one is a bug.
/// </summary>
internal sealed class UndecodedColumn(string name, ColumnKind kind, int length) : Column(name, length)
{
    public override ColumnKind Kind { get; } = kind;

    public override int MissingCount => throw NotDecoded();

    public override bool IsMissing(int row) => throw NotDecoded();

    public override string? Format(int row) => throw NotDecoded();

    public override Column Take(ReadOnlySpan<int> rows) => throw NotDecoded();

    public override Column Rename(string name) => throw NotDecoded();

    private InvalidOperationException NotDecoded() =>
        new($"Column '{Name}' is copied from the input file as encoded pages and was never decoded.");
}
