using Fathom.Server.Hosting;
using Fathom.Tracking.Stores;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fathom.Server;

/// <summary>
/// The public entry point of the tracking server, hosted in-process by <c>fathom server</c> and by tests.
/// <code>
/// await using var app = await FathomServer.BuildAsync(FathomServerOptions.FromEnvironment());
/// await app.RunAsync();
/// </code>
/// </summary>
public static class FathomServer
{
    /// <summary>
    /// Validates <paramref name="options"/>, opens (and migrates) the store named by
    /// <see cref="FathomServerOptions.BackendStoreUri"/>, and builds the server around it. Start it with
    /// <c>RunAsync</c> or <c>StartAsync</c>; disposing the app closes the store.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(FathomServerOptions options, CancellationToken ct = default)
    {
        options.Validate();
        var store = await TrackingStoreFactory.OpenAsync(options.BackendStoreUri, new TrackingStoreOptions(), ct);
        try
        {
            return Build(options, store);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Builds the server around an opened tracking store, which the returned app owns and disposes.
    /// Validates <paramref name="options"/> first (throws <see cref="Fathom.Core.Errors.FathomException"/>).
    /// </summary>
    public static WebApplication Build(FathomServerOptions options, ITrackingStore store)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            // Only the server's own folder is searched for appsettings.json, never the user's working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddFathomServices(options, store);
        options.ConfigureLogging?.Invoke(builder.Logging);

        var app = builder.Build();
        app.UseFathomPipeline(options);
        app.MapFathomEndpoints();
        return app;
    }

    /// <summary>The address the started server listens on (useful with <see cref="FathomServerOptions.Port"/> = 0).</summary>
    public static Uri ListeningUri(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }
}
