using System.Security.Cryptography;
using Fathom.Core.Errors;
using Fathom.Core.Tables;

namespace Fathom.Training.Data;

/// <summary>The training and validation rows of a request, with the training file's content hash.</summary>
internal sealed record TrainingSplit(TrainingData Train, int[] TrainRows, TrainingData Validation, int[] ValidationRows, string Sha256);

/// <summary>Reads the files of a request, finds label and features, and splits off the validation rows.</summary>
internal static class DatasetLoader
{
    public static async Task<TrainingSplit> LoadAsync(TrainingRequest request, CancellationToken ct)
    {
        var hash = HashAsync(request.DataPath, ct);
        var table = await ReadAsync(request.DataPath, ct);
        var train = TrainingDataBuilder.Build(table, request.DataPath, request.Task, request.Label, request.LabelExpression, request.Features);
        TrainingSplit dataset;
        if (request.ValidationPath is { } validationPath)
        {
            var validationTable = await ReadAsync(validationPath, ct);
            var validation = TrainingDataBuilder.Build(validationTable, validationPath, request.Task, request.Label, request.LabelExpression,
                null, train.Features);
            dataset = new TrainingSplit(train, train.LabeledRows, validation, validation.LabeledRows, await hash);
        }
        else
        {
            if (request.ValidationSplit is <= 0 or >= 1)
                throw FathomException.InvalidParameter($"--validation-split must be between 0 and 1 (exclusive), not {request.ValidationSplit}.");
            var (trainRows, validationRows) = DataSplit.Split(train.LabeledRows, request.ValidationSplit, request.Seed);
            dataset = new TrainingSplit(train, trainRows, train, validationRows, await hash);
        }
        return dataset;
    }

    /// <summary>Reads a table; a file the readers cannot parse becomes an error naming it, not a stack trace.</summary>
    public static async Task<DataTable> ReadAsync(string path, CancellationToken ct)
    {
        if (File.Exists(path) && new FileInfo(path).Length == 0)
            throw FathomException.InvalidParameter($"{path}: the file is empty.");
        try
        {
            return await TableReader.ReadAsync(path, ct);
        }
        catch (Exception e) when (e is not FathomException and not OperationCanceledException)
        {
            var format = Path.GetExtension(path).TrimStart('.').ToUpperInvariant();
            throw new FathomException(Fathom.Core.Errors.ErrorCode.INVALID_PARAMETER_VALUE,
                $"{path}: cannot be read as {(format == "PARQUET" ? "Parquet" : format)}: {e.Message}", e);
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) return "";
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
