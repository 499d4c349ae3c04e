using Fathom.Serving.Hosting;
using Fathom.Serving.Models;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fathom.Serving;

/// <summary>
/// The public entry point of the model server, hosted in-process by <c>fathom models serve</c> and by tests.
/// <code>
/// await using var app = ModelServer.Build(new ServingOptions { ModelUri = "models:/churn@champion" });
/// await app.RunAsync();
/// </code>
/// </summary>
public static class ModelServer
{
    /// <summary>Validates <paramref name="options"/> and builds the server; the model loads in the background once it starts.</summary>
    public static WebApplication Build(ServingOptions options)
    {
        options.Validate();
        return Build(options, ModelSources.For(options));
    }

    internal static WebApplication Build(ServingOptions options, IModelSource source)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServingServices(options, source);
        var app = builder.Build();
        app.UseServingPipeline();
        app.MapServingEndpoints();
        return app;
    }

    /// <summary>The address the started server listens on (useful with <see cref="ServingOptions.Port"/> = 0).</summary>
    public static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    /// <summary>Why the server stopped before it could serve (the model did not load), or null.</summary>
    public static string? StartupFailure(WebApplication app) =>
        app.Services.GetRequiredService<ModelSlot>().IsReady ? null : app.Services.GetRequiredService<ModelHost>().LastRefusal;
}
