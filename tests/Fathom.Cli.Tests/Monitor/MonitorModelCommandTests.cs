using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Serving;

namespace Fathom.Cli.Tests.Monitor;

/// <summary>
/// End to end: `fathom train` registers a model, a real model server scores shifted requests into its prediction log,
/// `fathom models log-labels` joins ground truth, and `fathom monitor model` compares the log with the training data.
/// </summary>
public sealed class MonitorModelCommandTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-monitor-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    /// <summary>Writes the training CSV, trains on column y with `fathom train` and registers the model as version 1.</summary>
    private async Task TrainAndRegisterAsync(string csv, string task, string trainer, string experiment, string model)
    {
        var training = Path.Combine(_dir, "train.csv");
        await File.WriteAllTextAsync(training, csv);
        var (code, text) = await Fathom("train", "--data", training, "--label", "y", "--task", task, "--trainer", trainer,
            "--experiment", experiment, "--register", model, "--json");
        Assert.True(code == 0, text);
    }

    /// <summary>Writes the ground-truth CSV and joins it to the model's prediction log with `fathom models log-labels`.</summary>
    private async Task LogLabelsAsync(string model, string log, string csv, params string[] options)
    {
        var labels = Path.Combine(_dir, "labels.csv");
        await File.WriteAllTextAsync(labels, csv);
        var (code, text) = await Fathom(["models", "log-labels", "--model", model, "--input", labels, "--prediction-log", log, .. options]);
        Assert.True(code == 0, text);
    }

    [Fact]
    public async Task Monitor_model_compares_the_prediction_log_and_joined_labels_with_the_training_data()
    {
        await TrainAndRegisterAsync(Rows(400, seed: 1, shift: 0, header: true), "regression", "sdca", "monitor-model", "price-model");
        var log = Path.Combine(_dir, "predictions");
        var served = await ServeAsync("models:/price-model/1", log, Rows(120, seed: 2, shift: 5, header: false));

        await LogLabelsAsync("price-model", log, "request_id,label\n" + string.Concat(served.Take(80).Select((y, i) => string.Create(CultureInfo.InvariantCulture, $"r{i},{y}\n"))));

        var output = Path.Combine(_dir, "model.json");
        var (code, text) = await Fathom("monitor", "model", "price-model", "--version", "1", "--predictions", log, "-o", output);

        Assert.True(code == 0, text);
        Assert.Contains("120 logged predictions (80 with labels)", text);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
        Assert.Equal(400, report.GetProperty("reference").GetProperty("rows").GetInt32());
        Assert.Equal(120, report.GetProperty("current").GetProperty("rows").GetInt32());
        var columns = report.GetProperty("data_drift").GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);
        Assert.Equal(["seg", "x1", "x2"], columns.Keys.Order(StringComparer.Ordinal));
        Assert.True(columns["x1"].GetProperty("drifted").GetBoolean());
        Assert.False(columns["x2"].GetProperty("drifted").GetBoolean());
        Assert.True(report.GetProperty("prediction_drift").GetProperty("drifted").GetBoolean());
        Assert.Equal("label", report.GetProperty("column_mapping").GetProperty("target").GetString());
        var regression = report.GetProperty("regression_performance");
        Assert.Equal(80, regression.GetProperty("current").GetProperty("rows").GetInt32());
        Assert.Equal(400, regression.GetProperty("reference").GetProperty("rows").GetInt32());
        // The model is linear and the data too: it fits both, so the error stays small even where x1 moved.
        Assert.InRange(regression.GetProperty("current").GetProperty("r2_score").GetDouble(), 0.8, 1);
    }

    [Fact]
    public async Task Monitor_model_scores_a_binary_model_s_logged_probabilities_against_labels_named_by_positive_class()
    {
        // The binary label is 1/0 in training; the joined ground truth says "expensive"/"cheap" (--positive-class expensive).
        await TrainAndRegisterAsync(BinaryRows(Rows(400, seed: 4, shift: 0, header: true), header: true, positive: "1", negative: "0"), "binary", "lbfgs", "monitor-model-binary", "expensive-model");
        var log = Path.Combine(_dir, "predictions");
        var served = await ServeAsync("models:/expensive-model/1", log, Rows(120, seed: 5, shift: 0, header: false));

        await LogLabelsAsync("expensive-model", log, "request_id,outcome\n" + string.Concat(served.Take(100).Select((y, i) => $"r{i},{(y > Threshold ? "expensive" : "cheap")}\n")), "--label-column", "outcome");

        var output = Path.Combine(_dir, "binary.json");
        var (code, text) = await Fathom("monitor", "model", "expensive-model", "--version", "1", "--predictions", log,
            "--positive-class", "expensive", "-o", output);

        Assert.True(code == 0, text);
        var classification = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement.GetProperty("classification_performance");
        var current = classification.GetProperty("current");
        Assert.Equal(100, current.GetProperty("rows").GetInt32());
        // The model separates the classes well (y is linear in the inputs): the logged probabilities rank them.
        Assert.InRange(current.GetProperty("roc_auc").GetDouble(), 0.85, 1);
        Assert.InRange(current.GetProperty("pr_auc").GetDouble(), 0.7, 1);
        Assert.InRange(current.GetProperty("log_loss").GetDouble(), 0, 0.6);
        Assert.InRange(classification.GetProperty("reference").GetProperty("roc_auc").GetDouble(), 0.85, 1);
    }

    [Fact]
    public async Task A_label_that_is_not_binary_without_a_positive_class_is_a_clear_error()
    {
        await TrainAndRegisterAsync(BinaryRows(Rows(200, seed: 6, shift: 0, header: true), header: true, positive: "1", negative: "0"), "binary", "lbfgs", "monitor-model-binary-bad", "bad-label-model");
        var log = Path.Combine(_dir, "predictions");
        var served = await ServeAsync("models:/bad-label-model/1", log, Rows(60, seed: 7, shift: 0, header: false));
        await LogLabelsAsync("bad-label-model", log, "request_id,label\n" + string.Concat(served.Select((y, i) => $"r{i},{(y > Threshold ? "expensive" : "cheap")}\n")));

        var (code, text) = await Fathom("monitor", "model", "bad-label-model", "--predictions", log, "-o", Path.Combine(_dir, "r.json"));

        Assert.Equal(1, code);
        Assert.Contains("which is not a binary label (true/false, yes/no, 1/0): name the positive class with --positive-class", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Monitor_model_reports_a_multiclass_model_per_class_from_its_logged_scores_and_joined_labels()
    {
        await TrainAndRegisterAsync(ClassRows(Rows(450, seed: 8, shift: 0, header: true), header: true), "multiclass", "lbfgs", "monitor-model-multiclass", "band-model");
        var log = Path.Combine(_dir, "predictions");
        var served = await ServeAsync("models:/band-model/1", log, Rows(150, seed: 9, shift: 0, header: false));
        var truth = served.Take(120).Select(Band).ToList();
        await LogLabelsAsync("band-model", log, "request_id,label\n" + string.Concat(truth.Select((band, i) => $"r{i},{band}\n")));

        var output = Path.Combine(_dir, "multiclass.json");
        var (code, text) = await Fathom("monitor", "model", "band-model", "--predictions", log, "-o", output);

        Assert.True(code == 0, text);
        Assert.Contains("150 logged predictions (120 with labels)", text);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
        var classification = report.GetProperty("classification_performance");
        Assert.Equal(["high", "low", "mid"], classification.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).Order(StringComparer.Ordinal));
        var current = classification.GetProperty("current");
        Assert.Equal(120, current.GetProperty("rows").GetInt32());
        var matrix = current.GetProperty("confusion_matrix");
        var order = matrix.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
        var counts = matrix.GetProperty("values").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        Assert.Equal(120, counts.Sum(r => r.Sum()));
        var correct = Enumerable.Range(0, order.Count).Sum(i => counts[i][i]);
        Assert.Equal(correct / 120.0, current.GetProperty("accuracy").GetDouble(), 12);
        // The linear model separates the bands well; the scores it logged are probabilities, so every class has a ROC AUC.
        Assert.InRange(current.GetProperty("accuracy").GetDouble(), 0.7, 1);
        foreach (var cls in current.GetProperty("classes").EnumerateArray())
        {
            var label = cls.GetProperty("label").GetString()!;
            var i = order.IndexOf(label);
            Assert.Equal(truth.Count(t => t == label), cls.GetProperty("support").GetInt32());
            Assert.Equal((double)counts[i][i] / Enumerable.Range(0, order.Count).Sum(k => counts[k][i]), cls.GetProperty("precision").GetDouble(), 12);
            Assert.Equal((double)counts[i][i] / counts[i].Sum(), cls.GetProperty("recall").GetDouble(), 12);
            Assert.InRange(cls.GetProperty("roc_auc").GetDouble(), 0.8, 1);
        }
        Assert.InRange(current.GetProperty("log_loss").GetDouble(), 0, 1);
        Assert.Equal(450, classification.GetProperty("reference").GetProperty("rows").GetInt32());
        Assert.Equal("label", report.GetProperty("target_drift").GetProperty("column").GetString());
    }

    private static string Band(double y) => y < 20 ? "low" : y < 30 ? "mid" : "high";

    /// <summary>The regression rows with y replaced by its band (low / mid / high).</summary>
    private static string ClassRows(string rows, bool header) =>
        string.Concat(rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((line, i) =>
        {
            if (header && i == 0) return line + "\n";
            var cut = line.LastIndexOf(',');
            return line[..(cut + 1)] + Band(double.Parse(line[(cut + 1)..], CultureInfo.InvariantCulture)) + "\n";
        }));

    private const double Threshold = 25;

    /// <summary>The regression rows with y replaced by whether it exceeds <see cref="Threshold"/>.</summary>
    private static string BinaryRows(string rows, bool header, string positive, string negative) =>
        string.Concat(rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((line, i) =>
        {
            if (header && i == 0) return line + "\n";
            var cut = line.LastIndexOf(',');
            return line[..(cut + 1)] + (double.Parse(line[(cut + 1)..], CultureInfo.InvariantCulture) > Threshold ? positive : negative) + "\n";
        }));

    [Fact]
    public async Task A_model_without_a_prediction_log_is_a_clear_error()
    {
        await TrainAndRegisterAsync(Rows(100, seed: 3, shift: 0, header: true), "regression", "sdca", "monitor-model-empty", "unserved-model");

        var (code, text) = await Fathom("monitor", "model", "unserved-model", "--predictions", Path.Combine(_dir, "none"), "-o", Path.Combine(_dir, "r.html"));

        Assert.Equal(1, code);
        Assert.Contains("There is no prediction log for model 'unserved-model'", text);
        Assert.DoesNotContain("   at ", text);
    }

    /// <summary>Serves the model, sends one request per row (id r0, r1, ...) and stops the server so the log is flushed; returns the true y of each row.</summary>
    private async Task<List<double>> ServeAsync(string modelUri, string log, string rows)
    {
        var options = new ServingOptions
        {
            ModelUri = modelUri, TrackingUri = server.Url, Port = 0, PredictionLogDestination = log,
            ModelCacheDirectory = Path.Combine(_dir, "cache"),
        };
        var app = ModelServer.Build(options);
        await app.StartAsync();
        var truth = new List<double>();
        try
        {
            using var http = new HttpClient { BaseAddress = ModelServer.Address(app) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await http.GetAsync("/health")).IsSuccessStatusCode && DateTime.UtcNow < deadline) await Task.Delay(50);
            var lines = rows.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                var v = lines[i].Split(',');
                truth.Add(double.Parse(v[3], CultureInfo.InvariantCulture));
                var body = $"{{\"dataframe_split\": {{\"columns\": [\"x1\", \"x2\", \"seg\"], \"data\": [[{v[0]}, {v[1]}, \"{v[2]}\"]]}}}}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Request-Id", $"r{i}");
                using var response = await http.SendAsync(request);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return truth;
    }

    /// <summary>y = 3 x1 + 2 x2 + segment effect + noise; <paramref name="shift"/> moves x1 (and so y and the prediction).</summary>
    private static string Rows(int n, int seed, double shift, bool header)
    {
        var random = new Random(seed);
        var text = new StringBuilder(header ? "x1,x2,seg,y\n" : "");
        var segments = new[] { "a", "b", "c" };
        for (var i = 0; i < n; i++)
        {
            var x1 = random.NextDouble() * 10 + shift;
            var x2 = random.NextDouble() * 4;
            var seg = segments[random.Next(3)];
            var y = 3 * x1 + 2 * x2 + (seg == "b" ? 4 : 0) + random.NextDouble() - 0.5;
            text.Append(CultureInfo.InvariantCulture, $"{x1:0.####},{x2:0.####},{seg},{y:0.####}\n");
        }
        return text.ToString();
    }
}
