using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Validation;

namespace Fathom.Tracking.Tests.Validation;

public sealed class TrackingValidatorTests
{
    [Theory]
    [InlineData("a//b", "a/b")]
    [InlineData("a/./b", "a/b")]
    [InlineData("a/../b", "b")]
    [InlineData("../a", "../a")]
    [InlineData("/a/../../b", "/b")]
    [InlineData("//a", "//a")]
    [InlineData("///a", "/a")]
    [InlineData("", ".")]
    [InlineData("a/", "a")]
    public void PosixPath_normalizes_like_Pythons_posixpath_normpath(string path, string expected)
    {
        Assert.Equal(expected, PosixPath.Normalize(path));
    }

    [Theory]
    [InlineData("loss")]
    [InlineData("train/loss")]
    [InlineData("val loss-1.5_x")]
    [InlineData("a..b")]
    public void Ordinary_metric_names_pass(string key)
    {
        TrackingValidator.Metric(new Metric(key, 1, 0, 0));
    }

    [Theory]
    [InlineData("", "Invalid metric name: ''. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '.'")]
    [InlineData("a/", "Invalid metric name: 'a/'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to 'a'")]
    [InlineData("a:b", "Invalid metric name: 'a:b'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).")]
    public void Bad_metric_names_get_MLflows_messages(string key, string message)
    {
        var error = Assert.Throws<FathomException>(() => TrackingValidator.Metric(new Metric(key, 1, 0, 0)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Overlong_keys_are_reported_with_their_first_250_characters()
    {
        var key = new string('k', 251);

        var error = Assert.Throws<FathomException>(() => TrackingValidator.Param(new Param(key, "v")));

        Assert.Equal($"Param key '{key[..250]}' had length 251, which exceeded length limit of 250", error.Message);
    }

    [Fact]
    public void Experiment_names_are_limited_to_500_characters()
    {
        TrackingValidator.ExperimentName(new string('e', 500));
        var error = Assert.Throws<FathomException>(() => TrackingValidator.ExperimentName(new string('e', 501)));
        Assert.Equal("Experiment name exceeds the maximum length of 500 characters", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    public void Run_ids_that_MLflow_rejects_are_rejected(string runId)
    {
        var error = Assert.Throws<FathomException>(() => TrackingValidator.RunId(runId));
        Assert.Equal($"Invalid run ID: '{runId}'", error.Message);
    }

    [Fact]
    public void Dataset_limits_follow_MLflow()
    {
        var dataset = new Dataset("d", new string('x', 37), "local", "src", null, null);

        var error = Assert.Throws<FathomException>(() => TrackingValidator.DatasetInputs([new DatasetInput([], dataset)]));

        Assert.Equal("Dataset digest exceeds the maximum length of 36", error.Message);
    }
}
