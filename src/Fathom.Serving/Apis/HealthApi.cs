using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Serving.Models;

namespace Fathom.Serving.Apis;

/// <summary>
/// <c>GET /ping</c> and <c>/health</c> (200 once the model is loaded, 503 before: what a load balancer's readiness
/// check needs) and <c>/version</c> (which model version answers, with its flavor and signature).
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var slot = app.ServiceProvider.GetRequiredService<ModelSlot>();
        app.MapGet("/ping", () => Health(slot)).WithTags("Health");
        app.MapGet("/health", () => Health(slot)).WithTags("Health");
        app.MapGet("/version", context => WriteVersionAsync(context, slot)).WithTags("Health");
        return app;
    }

    private static IResult Health(ModelSlot slot) =>
        slot.IsReady ? Results.Text("\n", "application/json") : Results.Text("The model is still loading.\n", "text/plain", statusCode: 503);

    private static async Task WriteVersionAsync(HttpContext context, ModelSlot slot)
    {
        var served = slot.Current ?? throw new FathomException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The model is still loading; retry shortly.");
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("model_name", served.Name);
        writer.WriteString("model_version", served.Version);
        if (served.Source.Alias is { } alias) writer.WriteString("alias", alias);
        writer.WriteString("flavor", served.Flavor);
        writer.WriteString("source", served.Source.Folder);
        writer.WriteString("fathom_version", typeof(HealthApi).Assembly.GetName().Version?.ToString(3));
        writer.WritePropertyName("signature");
        writer.WriteStartObject();
        writer.WritePropertyName("inputs");
        writer.WriteRawValue(served.Model.Signature.Inputs.ToJson());
        if (served.Model.Signature.Outputs is { } outputs)
        {
            writer.WritePropertyName("outputs");
            writer.WriteRawValue(outputs.ToJson());
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
