using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Models.Packaging;
using Fathom.Models.Signatures;

namespace Fathom.Cli.Tests.Train;

/// <summary>Issue 3's path end to end: train, log, register, alias, download, load, predict what training measured.</summary>
public sealed class TrainToPredictionTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fathom-cli-train-predict-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    /// <summary>Seattle weather split into a training file and a validation file of its last 300 days.</summary>
    private (string Train, string Validation) WeatherFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fathom.slnx"))) dir = dir.Parent;
        var lines = File.ReadAllLines(Path.Combine(dir!.FullName, "..", "shared", "data", "seattle-weather.csv"));
        var (train, validation) = (Path.Combine(_folder, "train.csv"), Path.Combine(_folder, "valid.csv"));
        File.WriteAllLines(train, lines[..^300]);
        File.WriteAllLines(validation, [lines[0], .. lines[^300..]]);
        return (train, validation);
    }

    [Fact]
    public async Task A_trained_registered_and_downloaded_model_predicts_with_the_accuracy_training_logged_from_raw_dates()
    {
        var (train, validation) = WeatherFiles();
        var name = $"weather-e2e-{Guid.NewGuid():N}";

        var (code, output) = await Fathom("train", "--data", train, "--validation", validation, "--label", "weather", "--task", "multiclass",
            "--experiment", "cli-train-predict", "--param", "NumberOfIterations=30", "--register", name, "--alias", "champion", "--json");
        var (downloadCode, _) = await Fathom("models", "download", $"models:/{name}@champion", Path.Combine(_folder, "model"));

        Assert.Equal((0, 0), (code, downloadCode));
        var accuracy = JsonDocument.Parse(output).RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        using var model = ModelLoader.Load(Path.Combine(_folder, "model"));
        Assert.Contains(model.Signature.Inputs.Columns, c => c.Name == "date" && c.Type == ColumnType.Datetime);
        var table = await TableReader.ReadAsync(validation);
        var features = new DataTable(table.Columns.Where(c => c.Name != "weather"));
        var predicted = (CategoricalColumn)model.Predict(features).Prediction;
        var actual = (CategoricalColumn)table["weather"];
        var correct = Enumerable.Range(0, table.RowCount).Count(row => predicted.Format(row) == actual.Format(row));
        Assert.Equal(accuracy, correct / (double)table.RowCount, 1e-12);
    }
}
