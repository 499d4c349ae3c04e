using Fathom.Core.Errors;
using Fathom.Tracking.Stores;
using Npgsql;

namespace Fathom.Tracking.Tests.Stores;

public sealed class StoreUriTests
{
    [Theory]
    [InlineData("sqlite:///fathom-data/fathom.db", "fathom-data/fathom.db")]
    [InlineData("sqlite:////var/lib/fathom.db", "/var/lib/fathom.db")]
    [InlineData("sqlite:///my%20data.db", "my data.db")]
    public void Sqlite_uris_follow_MLflows_three_and_four_slash_convention(string uri, string path)
    {
        Assert.Equal(path, StoreUri.SqlitePath(uri));
    }

    [Theory]
    [InlineData("sqlite://")]
    [InlineData("sqlite:///:memory:")]
    public void Sqlite_uris_without_a_file_are_rejected(string uri)
    {
        var error = Assert.Throws<FathomException>(() => StoreUri.SqlitePath(uri));
        Assert.Contains("needs a file path", error.Message);
    }

    [Theory]
    [InlineData("postgresql://bob:s%40cret@db.local:6543/tracking")]
    [InlineData("postgres://bob:s%40cret@db.local:6543/tracking")]
    [InlineData("postgresql+psycopg2://bob:s%40cret@db.local:6543/tracking")]
    public void Postgres_uris_become_Npgsql_connection_strings(string uri)
    {
        Assert.Equal("postgresql", StoreUri.Scheme(uri) == "postgres" ? "postgresql" : StoreUri.Scheme(uri));
        var builder = new NpgsqlConnectionStringBuilder(StoreUri.PostgresConnectionString(uri));

        Assert.Equal(("db.local", 6543, "tracking", "bob", "s@cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Fact]
    public void Postgres_uris_default_the_port_and_map_sslmode()
    {
        var builder = new NpgsqlConnectionStringBuilder(StoreUri.PostgresConnectionString("postgresql://u@h/d?sslmode=require"));

        Assert.Equal((5432, SslMode.Require), (builder.Port, builder.SslMode));
    }

    [Fact]
    public async Task An_unknown_scheme_is_a_clear_error_that_hides_the_password()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => TrackingStoreFactory.OpenAsync("mysql://root:hunter2@h/db"));

        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Contains("unsupported scheme 'mysql'", error.Message);
        Assert.Contains("sqlite:///", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
