using System.Threading.Channels;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Serving.PredictionLog;
using Fathom.Serving.Scoring;

namespace Fathom.Serving.Batch;

/// <summary>
/// <c>fathom models predict</c>: streams a Parquet or CSV file through a model chunk by chunk (Parquet: one row group;
/// CSV: <see cref="CsvChunkReader.ChunkRows"/> rows) and writes the input columns plus <c>prediction</c> and
/// <c>output_*</c> columns. Reading, scoring and writing overlap: each stage hands chunks to the next through a
/// two-chunk channel, so memory holds a few chunks whatever the file size.
/// </summary>
public static class BatchPredictor
{
    /// <summary>Scores <paramref name="input"/> into <paramref name="output"/>; reports rows done; returns rows scored.</summary>
    public static async Task<long> RunAsync(IModel model, string input, string output, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var inputFormat = FormatOf(input);
        var outputFormat = FormatOf(output);
        if (!File.Exists(input)) throw FathomException.NotFound($"Input file '{input}' does not exist.");
        var read = Channel.CreateBounded<DataTable>(2);
        var scored = Channel.CreateBounded<DataTable>(2);

        var reading = Task.Run(async () =>
        {
            try
            {
                var chunks = inputFormat == ".parquet" ? ParquetChunkReader.ReadAsync(input, ct) : CsvChunkReader.ReadAsync(input, ct);
                await foreach (var chunk in chunks) await read.Writer.WriteAsync(chunk, ct);
                read.Writer.Complete();
            }
            catch (Exception e)
            {
                read.Writer.Complete(e);
            }
        }, ct);
        var scoring = Task.Run(async () =>
        {
            try
            {
                await foreach (var chunk in read.Reader.ReadAllAsync(ct))
                {
                    var outputs = Scorer.LogColumns(model.Predict(ModelInputs(model, chunk)));
                    var passThrough = chunk.Columns.Where(c => outputs.All(o => o.Name != c.Name));
                    await scored.Writer.WriteAsync(new DataTable(passThrough.Concat(outputs)), ct);
                }
                scored.Writer.Complete();
            }
            catch (Exception e)
            {
                scored.Writer.Complete(e);
            }
        }, ct);

        long rows = 0;
        await using (var writer = await TableFileWriter.CreateAsync(output, outputFormat, ct))
        {
            await foreach (var chunk in scored.Reader.ReadAllAsync(ct))
            {
                await writer.WriteAsync(chunk, ct);
                rows += chunk.RowCount;
                progress?.Report(rows);
            }
        }
        await Task.WhenAll(reading, scoring);
        return rows;
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
