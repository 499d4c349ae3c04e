namespace Fathom.Serving.Batch.ParquetOutput;

/// <summary>A chunk ready to be written: its rows, where each column comes from, and the columns already encoded.</summary>
internal sealed record ScoredChunk(int RowCount, OutputPlan Plan, EncodedColumns Encoded);
