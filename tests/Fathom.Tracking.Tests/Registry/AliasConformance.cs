using Fathom.Core.Errors;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Registry;

public sealed class SqliteAliasTests : AliasConformance<SqliteTarget>;

public sealed class PostgresAliasTests : AliasConformance<PostgresTarget>;

/// <summary>Aliases: set, move, resolve, delete, and MLflow's naming rules.</summary>
public abstract class AliasConformance<TTarget> : RegistryTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task An_alias_resolves_to_its_version_and_moves_when_set_again()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");
        await NewVersionAsync("m");

        await Registry.SetRegisteredModelAliasAsync("m", "champion", "1");
        Assert.Equal(1, (await Registry.GetModelVersionByAliasAsync("m", "champion")).Version);
        await Registry.SetRegisteredModelAliasAsync("m", "champion", "2");

        var resolved = await Registry.GetModelVersionByAliasAsync("m", "champion");
        Assert.Equal(2, resolved.Version);
        Assert.Equal(["champion"], resolved.Aliases);
        Assert.Empty((await Registry.GetModelVersionAsync("m", "1")).Aliases);
        Assert.Equal([new("champion", 2)], (await Registry.GetRegisteredModelAsync("m")).Aliases);
    }

    [Fact]
    public async Task Deleting_an_alias_makes_it_unknown()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");
        await Registry.SetRegisteredModelAliasAsync("m", "champion", "1");

        await Registry.DeleteRegisteredModelAliasAsync("m", "champion");
        await Registry.DeleteRegisteredModelAliasAsync("m", "champion");

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.GetModelVersionByAliasAsync("m", "champion"));
        Assert.Equal("Registered model alias champion not found.", error.Message);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.DeleteRegisteredModelAliasAsync("ghost", "champion"));
    }

    [Fact]
    public async Task An_alias_on_a_missing_version_is_RESOURCE_DOES_NOT_EXIST()
    {
        await NewModelAsync("m");

        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.SetRegisteredModelAliasAsync("m", "champion", "3"));
    }

    [Theory]
    [InlineData("latest", "'latest' alias name (case insensitive) is reserved.")]
    [InlineData("LATEST", "'latest' alias name (case insensitive) is reserved.")]
    [InlineData("v3", "Version alias name 'v3' is reserved.")]
    [InlineData("has space", "Invalid alias name: 'has space'. Names may only contain alphanumerics, underscores (_), and dashes (-).")]
    [InlineData("", "Registered model alias name cannot be empty.")]
    public async Task Reserved_and_malformed_alias_names_are_rejected(string alias, string message)
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.SetRegisteredModelAliasAsync("m", alias, "1"));
        Assert.Equal(message, error.Message);
    }
}
