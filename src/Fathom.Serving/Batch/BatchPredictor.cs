using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Serving.Batch.ParquetOutput;
using Fathom.Serving.Scoring;

namespace Fathom.Serving.Batch;

/// <summary>
/// <c>fathom models predict</c>: streams a Parquet or CSV file through a model chunk by chunk (Parquet: one row group;
/// CSV: <see cref="CsvChunkReader.ChunkRows"/> rows) and writes the kept input columns plus <c>prediction</c> and
/// <c>output_*</c> columns. Reading, scoring (one chunk per core) and writing overlap on their own threads
/// (<see cref="BatchRun"/>), so memory holds a few chunks whatever the file size. Reading starts while the model is
/// still loading, so the first chunks are decoded by the time the model can score them. Parquet output is written by
/// <see cref="PassThroughParquetWriter"/>: input columns kept from a Parquet input are copied as encoded pages, and
/// the new columns are encoded on the scorer threads.
/// </summary>
public static class BatchPredictor
{
    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    /// <summary>Scores <paramref name="input"/> into <paramref name="output"/>; reports rows done; returns rows scored.</summary>
    public static Task<long> RunAsync(IModel model, string input, string output, IProgress<long>? progress = null, CancellationToken ct = default) =>
        RunAsync(Task.FromResult(model), input, output, BatchOptions.Default, progress, ct);

    /// <summary>
    /// Scores <paramref name="input"/> into <paramref name="output"/> with the model <paramref name="model"/> yields
    /// (reading starts before it is loaded); reports rows done; returns rows scored.
    /// </summary>
    public static async Task<long> RunAsync(Task<IModel> model, string input, string output, BatchOptions options, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var inputFormat = FormatOf(input);
        var outputFormat = FormatOf(output);
        if (!File.Exists(input)) throw FathomException.NotFound($"Input file '{input}' does not exist.");
        using var run = new BatchRun(ct);
        if (outputFormat == ".parquet")
        {
            await using var parquet = await PassThroughParquetWriter.CreateAsync(inputFormat == ".parquet" ? input : null, output, ct);
            var chunks = inputFormat == ".parquet"
                ? ParquetChunkReader.ReadAsync(input, columns => Undecoded(model, columns, parquet, options), run.Token)
                : CsvChunkReader.ReadAsync(input, run.Token);
            await run.RunAsync(chunks, chunk => parquet.Prepare(chunk, Score(model, chunk, options), run.Token), parquet.Write, c => c.RowCount, progress);
            return run.Rows;
        }
        await using var csv = await TableFileWriter.CreateAsync(output, outputFormat, ct);
        await run.RunAsync(
            inputFormat == ".parquet" ? ParquetChunkReader.ReadAsync(input, null, run.Token) : CsvChunkReader.ReadAsync(input, run.Token),
            chunk => Score(model, chunk, options),
            chunk => csv.WriteAsync(chunk, run.Token).GetAwaiter().GetResult(),
            chunk => chunk.RowCount,
            progress);
        return run.Rows;
    }

    /// <summary>
    /// The input columns a Parquet-to-Parquet run need not decode: those the model does not read that the output
    /// leaves out or copies as encoded pages (flights' <c>delay</c> beside a delay model: a fifth of the decoding).
    /// Known once the model has loaded; the row groups read while it loads are decoded whole. A file that lacks one of
    /// the signature's inputs gives the model every column (<see cref="ModelInputs"/>), so then all are decoded.
    /// </summary>
    internal static IReadOnlySet<string> Undecoded(Task<IModel> model, IReadOnlyList<string> columns, PassThroughParquetWriter parquet, BatchOptions options)
    {
        if (!model.IsCompletedSuccessfully || model.Result.Signature.Inputs is not { IsTensorBased: false } inputs) return EmptySet;
        var read = inputs.Columns.Select(c => c.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!read.All(columns.Contains)) return EmptySet;
        return columns.Where(c => !read.Contains(c) && (parquet.Copies(c) || options.KeepColumns is { } kept && !kept.Contains(c)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The output table of one chunk: the kept input columns, then the model's outputs.</summary>
    private static DataTable Score(Task<IModel> model, DataTable chunk, BatchOptions options)
    {
        var loaded = model.GetAwaiter().GetResult();
        var outputs = Scorer.LogColumns(loaded.Predict(ModelInputs(loaded, chunk)));
        return new DataTable(Kept(chunk, outputs, options).Concat(outputs));
    }

    /// <summary>The input columns the output keeps: all, none, or the named ones, never one an output replaces.</summary>
    private static IEnumerable<Column> Kept(DataTable chunk, IReadOnlyList<Column> outputs, BatchOptions options)
    {
        var kept = options.KeepColumns is { } names
            ? names.Select(n => chunk.TryGetColumn(n, out var column)
                ? column
                : throw FathomException.InvalidParameter($"--keep-columns names '{n}', which the input does not have (it has {string.Join(", ", chunk.ColumnNames)})."))
            : chunk.Columns;
        return kept.Where(c => outputs.All(o => o.Name != c.Name));
    }

    /// <summary>
    /// The signature's input columns, when the file has them: files often carry ids and earlier outputs the model
    /// must not see; those pass through to the output. A missing input is left for the model to name.
    /// </summary>
    private static DataTable ModelInputs(IModel model, DataTable chunk)
    {
        var inputs = model.Signature.Inputs;
        if (inputs.IsTensorBased) return chunk;
        var names = inputs.Columns.Select(c => c.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return names.All(chunk.Contains) ? new DataTable(chunk.Columns.Where(c => names.Contains(c.Name))) : chunk;
    }

    private static string FormatOf(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".parquet" or ".csv"
            ? extension
            : throw FathomException.InvalidParameter($"'{path}': use a .parquet or .csv file.");
    }
}
