using Fathom.Core.Errors;

namespace Fathom.Client.Tests.Registry;

public sealed class ModelUriTests
{
    [Theory]
    [InlineData("models:/churn/3", ModelUriKind.Version, "churn", "3", null, null)]
    [InlineData("models:/churn@champion", ModelUriKind.Alias, "churn", null, "champion", null)]
    [InlineData("models:/churn/Production", ModelUriKind.Stage, "churn", null, null, "Production")]
    [InlineData("models:/churn/LATEST", ModelUriKind.Latest, "churn", null, null, null)]
    [InlineData("models:/my model/1", ModelUriKind.Version, "my model", "1", null, null)]
    public void Models_uris_parse_into_name_and_version_alias_stage_or_latest(
        string text, ModelUriKind kind, string name, string? version, string? alias, string? stage)
    {
        var uri = ModelUri.Parse(text);

        Assert.Equal((kind, name, version, alias, stage), (uri.Kind, uri.Name, uri.Version, uri.Alias, uri.Stage));
        Assert.Equal(text, uri.ToString());
    }

    [Theory]
    [InlineData("runs:/abc123/model", "abc123", "model")]
    [InlineData("runs:/abc123/nested/dir/", "abc123", "nested/dir")]
    [InlineData("runs:/abc123", "abc123", "")]
    public void Runs_uris_parse_into_run_and_artifact_path(string text, string runId, string path)
    {
        var uri = ModelUri.Parse(text);

        Assert.Equal((ModelUriKind.Run, runId, path), (uri.Kind, uri.RunId, uri.ArtifactPath));
    }

    [Theory]
    [InlineData("models:/")]
    [InlineData("models:/churn/3/extra")]
    [InlineData("models:/churn")]
    [InlineData("models:/a@b@c")]
    [InlineData("models:/churn/ ")]
    [InlineData("models://profile/churn/1")]
    [InlineData("runs:/")]
    [InlineData("s3://bucket/model")]
    public void Malformed_uris_are_INVALID_PARAMETER_VALUE(string text)
    {
        Assert.False(ModelUri.TryParse(text, out _));
        var error = Assert.Throws<FathomException>(() => ModelUri.Parse(text));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }
}
