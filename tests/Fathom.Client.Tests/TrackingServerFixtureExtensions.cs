namespace Fathom.Client.Tests;

internal static class TrackingServerFixtureExtensions
{
    /// <summary>A client for the fixture's server that retries quickly, so failure tests stay fast.</summary>
    public static FathomClient CreateClient(this TrackingServerFixture server) => new(LoopbackApp.FastRetries(server.Url));
}
