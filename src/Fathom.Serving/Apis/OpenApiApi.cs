using System.Text.Json;
using Fathom.Serving.Models;
using Fathom.Serving.OpenApi;

namespace Fathom.Serving.Apis;

/// <summary><c>GET /openapi.json</c> (built from the served signature) and <c>GET /docs</c>, a self-contained page to browse and try the API.</summary>
public static class OpenApiApi
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(OpenApiApi).Assembly.GetManifestResourceStream("Fathom.Serving.OpenApi.ApiPage.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        var slot = app.ServiceProvider.GetRequiredService<ModelSlot>();
        app.MapGet("/openapi.json", async context =>
        {
            var document = OpenApiDocument.Build(slot.Require());
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, document, OpenApiJsonContext.Default.JsonObject);
        }).ExcludeFromDescription();
        app.MapGet("/docs", () => Results.Bytes(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class OpenApiJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
