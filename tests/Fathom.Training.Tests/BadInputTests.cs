using Fathom.Core.Errors;
using Fathom.Training.Data;

namespace Fathom.Training.Tests;

/// <summary>Bad input fails before training, with a message naming the file, and the row and column where there is one.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<TrainingSplit> Load(string path, TrainingTask task = TrainingTask.Multiclass, string? label = "weather",
        string? labelExpression = null, string[]? features = null) =>
        DatasetLoader.LoadAsync(new TrainingRequest
        {
            DataPath = path, Task = task, Label = label, LabelExpression = labelExpression, Features = features ?? [],
        }, CancellationToken.None);

    [Fact]
    public async Task A_missing_label_column_names_the_file_and_lists_the_columns()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(TestFiles.Weather, label: "wether"));

        Assert.Contains("seattle-weather.csv", error.Message);
        Assert.Contains("no label column 'wether'", error.Message);
        Assert.Contains("precipitation, temp_max", error.Message);
    }

    [Fact]
    public async Task An_empty_file_is_reported_as_empty()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(_files.Write("empty.csv", "")));

        Assert.Contains("empty.csv: the file is empty", error.Message);
    }

    [Fact]
    public async Task A_header_without_rows_is_reported_as_empty()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(_files.Write("header.csv", "a,weather\n")));

        Assert.Contains("header.csv: the file is empty (no data rows)", error.Message);
    }

    [Fact]
    public async Task An_unreadable_parquet_file_names_the_file()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(_files.Write("broken.parquet", "PAR1 this is not parquet at all")));

        Assert.Contains("broken.parquet: cannot be read as Parquet", error.Message);
    }

    [Fact]
    public async Task Text_in_a_numeric_column_names_the_file_row_and_column()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 1200).Select(i => i == 1100 ? "oops,sun" : $"{i}.5,{(i % 2 == 0 ? "sun" : "rain")}"));
        var path = _files.Write("late-text.csv", "wind,weather\n" + rows + "\n");

        var error = await Assert.ThrowsAsync<FathomException>(() => Load(path));

        Assert.Contains("late-text.csv, row 1101, column 'wind'", error.Message);
        Assert.Contains("'oops' is not a number", error.Message);
    }

    [Fact]
    public async Task A_text_label_for_regression_names_the_file_row_and_column()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(TestFiles.Weather, TrainingTask.Regression));

        Assert.Contains("seattle-weather.csv, row 1, column 'weather': 'drizzle' is text, not a number", error.Message);
    }

    [Fact]
    public async Task An_unknown_feature_is_named()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(TestFiles.Weather, features: ["wind", "humidity"]));

        Assert.Contains("--features names column 'humidity'", error.Message);
    }

    [Fact]
    public async Task A_label_that_is_not_boolean_for_binary_suggests_label_expr()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Load(TestFiles.Weather, TrainingTask.Binary));

        Assert.Contains("row 1, column 'weather': 'drizzle' is not a binary label", error.Message);
        Assert.Contains("--label-expr", error.Message);
    }

    [Fact]
    public async Task A_validation_file_with_a_different_column_kind_names_it()
    {
        var validation = _files.Write("valid.csv", "precipitation,temp_max,temp_min,wind,weather,date\nx,1,1,1,sun,2015-01-01\n");

        var error = await Assert.ThrowsAsync<FathomException>(() => DatasetLoader.LoadAsync(new TrainingRequest
        {
            DataPath = TestFiles.Weather, Task = TrainingTask.Multiclass, Label = "weather", ValidationPath = validation,
        }, CancellationToken.None));

        Assert.Contains("valid.csv: column 'precipitation' must be numeric", error.Message);
    }
}
