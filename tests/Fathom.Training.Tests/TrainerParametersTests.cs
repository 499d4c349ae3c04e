using Fathom.Core.Errors;
using Fathom.Training.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Fathom.Training.Tests;

public sealed class TrainerParametersTests
{
    [Fact]
    public void Parameters_are_matched_by_name_ignoring_case_and_underscores()
    {
        var options = new LightGbmRegressionTrainer.Options();

        TrainerParameters.Apply(options, new Dictionary<string, string>
        {
            ["numberofleaves"] = "7", ["learning_rate"] = "0.25", ["min_data_in_leaf"] = "3", ["UseCategoricalSplit"] = "true",
        });

        Assert.Equal(7, options.NumberOfLeaves);
        Assert.Equal(0.25, options.LearningRate);
        Assert.Equal(3, options.MinimumExampleCountPerLeaf);
        Assert.True(options.UseCategoricalSplit);
    }

    [Fact]
    public void An_unknown_parameter_lists_the_valid_names()
    {
        var error = Assert.Throws<FathomException>(() =>
            TrainerParameters.Apply(new LightGbmBinaryTrainer.Options(), new Dictionary<string, string> { ["depth"] = "3" }));

        Assert.Contains("Unknown parameter 'depth' for LightGbmBinaryTrainer", error.Message);
        Assert.Contains("NumberOfLeaves", error.Message);
        Assert.Contains("LearningRate", error.Message);
        Assert.DoesNotContain("LabelColumnName", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_parameter_and_type()
    {
        var error = Assert.Throws<FathomException>(() =>
            TrainerParameters.Apply(new LightGbmBinaryTrainer.Options(), new Dictionary<string, string> { ["NumberOfLeaves"] = "many" }));

        Assert.Contains("'NumberOfLeaves': 'many' is not a valid Int32", error.Message);
    }

    [Fact]
    public void Logged_values_include_defaults_and_set_values()
    {
        var options = new LightGbmBinaryTrainer.Options();
        TrainerParameters.Apply(options, new Dictionary<string, string> { ["NumberOfIterations"] = "12" });

        var values = TrainerParameters.Values(options).ToDictionary();

        Assert.Equal("12", values["NumberOfIterations"]);
        Assert.Equal("0.5", values["Sigmoid"]);
        Assert.False(values.ContainsKey("FeatureColumnName"));
    }

    [Theory]
    [InlineData("xgboost", TrainingTask.Binary)]
    [InlineData("", TrainingTask.Regression)]
    public void An_unknown_trainer_lists_the_trainers(string name, TrainingTask task)
    {
        var error = Assert.Throws<FathomException>(() => TrainerCatalog.Get(name, task));

        Assert.Contains("lightgbm, fasttree, fastforest, sdca, lbfgs", error.Message);
    }
}
