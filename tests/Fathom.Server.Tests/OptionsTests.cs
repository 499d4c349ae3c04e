using Fathom.Core.Errors;

namespace Fathom.Server.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_the_local_embedded_setup()
    {
        var options = new FathomServerOptions();
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(5000, options.Port);
        Assert.Equal("sqlite:///fathom-data/fathom.db", options.BackendStoreUri);
        Assert.Equal("./fathom-data/artifacts", options.ArtifactsDestination);
        options.Validate();
    }

    [Fact]
    public void Environment_variables_override_the_defaults()
    {
        var env = new Dictionary<string, string>
        {
            ["FATHOM_HOST"] = "0.0.0.0",
            ["FATHOM_PORT"] = "8080",
            ["FATHOM_BACKEND_STORE_URI"] = "postgresql://u:p@db:5432/fathom",
            ["FATHOM_ARTIFACTS_DESTINATION"] = "s3://bucket/prefix",
            ["FATHOM_MAX_REQUEST_BODY_BYTES"] = "2048",
            ["FATHOM_REQUEST_LOGGING"] = "false",
        };
        var options = FathomServerOptions.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal(8080, options.Port);
        Assert.Equal("postgresql://u:p@db:5432/fathom", options.BackendStoreUri);
        Assert.Equal("s3://bucket/prefix", options.ArtifactsDestination);
        Assert.Equal(2048, options.MaxRequestBodyBytes);
        Assert.False(options.RequestLogging);
    }

    [Fact]
    public void An_unparsable_environment_variable_is_named_in_the_error()
    {
        var e = Assert.Throws<FathomException>(() => FathomServerOptions.FromEnvironment(
            name => name == "FATHOM_PORT" ? "five thousand" : null));
        Assert.Contains("FATHOM_PORT", e.Message);
    }

    [Fact]
    public void Validate_names_every_invalid_setting()
    {
        var options = new FathomServerOptions { Host = "not a host", Port = 70000, BackendStoreUri = "", MaxRequestBodyBytes = 10 };
        var e = Assert.Throws<FathomException>(options.Validate);
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, e.Code);
        Assert.Contains("host", e.Message);
        Assert.Contains("port 70000", e.Message);
        Assert.Contains("backend store URI", e.Message);
        Assert.Contains("request body", e.Message);
    }
}
