using System.Diagnostics;
using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Serving.Hosting;
using Fathom.Serving.Models;
using Fathom.Serving.Observability;
using Fathom.Serving.OpenInference;
using Fathom.Serving.Scoring;

namespace Fathom.Serving.Apis;

/// <summary>The Open Inference Protocol v2 (KServe, Triton, MLServer) REST endpoints for the one served model.</summary>
public static class OpenInferenceApi
{
    public static IEndpointRouteBuilder MapOpenInferenceApi(this IEndpointRouteBuilder app)
    {
        var slot = app.ServiceProvider.GetRequiredService<ModelSlot>();
        var scorer = app.ServiceProvider.GetRequiredService<Scorer>();
        var metrics = app.ServiceProvider.GetRequiredService<ServingMetrics>().ForEndpoint("v2_infer");
        var timeout = app.ServiceProvider.GetRequiredService<ServingOptions>().RequestTimeout;
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol v2");
        v2.MapGet("/", () => Results.Json(new Dictionary<string, object>
        {
            ["name"] = "fathom", ["version"] = typeof(OpenInferenceApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", ["extensions"] = Array.Empty<string>(),
        }));
        v2.MapGet("/health/live", () => Results.Json(new Dictionary<string, bool> { ["live"] = true }));
        v2.MapGet("/health/ready", () => Results.Json(new Dictionary<string, bool> { ["ready"] = slot.IsReady }, statusCode: slot.IsReady ? 200 : 503));
        v2.MapGet("/models/{name}", (string name, HttpContext context) => WriteMetadataAsync(context, Served(slot, name)));
        v2.MapGet("/models/{name}/ready", (string name) =>
        {
            var served = Served(slot, name);
            return Results.Json(new Dictionary<string, object> { ["name"] = served.Name, ["ready"] = true });
        });
        v2.MapPost("/models/{name}/infer", context => InferAsync(context, slot, scorer, metrics, timeout));
        return app;
    }

    private static ServedModel Served(ModelSlot slot, string name)
    {
        var served = slot.Require();
        return served.Name == name ? served : throw FathomException.NotFound($"Model '{name}' is not served here; this server serves '{served.Name}'.");
    }

    private static async Task InferAsync(HttpContext context, ModelSlot slot, Scorer scorer, ServingMetrics.EndpointMetrics metrics, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.For(context);
        context.Response.Headers[RequestIds.Header] = requestId;
        try
        {
            var served = Served(slot, (string)context.Request.RouteValues["name"]!);
            var request = await RequestBody.ReadAsync(context, served.InputNames, static (bytes, names) => V2RequestReader.Read(bytes, names), timeout);
            var output = scorer.Score(served, request.Table, request.Id ?? requestId);
            context.Response.Headers[InvocationsApi.ModelVersionHeader] = served.Version;
            await JsonResponse.WriteAsync(context, (served, request.Id, output),
                static (writer, state) => V2ResponseWriter.Write(writer, state.served.Name, state.served.Version, state.Id, state.output));
            metrics.Succeeded(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is FathomException or BadHttpRequestException)
        {
            var (code, message, status) = ServingErrors.Classify(e);
            metrics.Failed(status, code.ToString(), Stopwatch.GetElapsedTime(started).TotalSeconds);
            await ServingErrors.WriteAsync(context, code, message, status);
        }
    }

    private static async Task WriteMetadataAsync(HttpContext context, ServedModel served)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("name", served.Name);
        writer.WriteStartArray("versions");
        writer.WriteStringValue(served.Version);
        writer.WriteEndArray();
        writer.WriteString("platform", served.Flavor == "onnx" ? "onnxruntime_onnx" : "mlnet");
        WriteTensors(writer, "inputs", served.Model.Signature.Inputs);
        if (served.Model.Signature.Outputs is { } outputs) WriteTensors(writer, "outputs", outputs);
        writer.WriteEndObject();
    }

    private static void WriteTensors(Utf8JsonWriter writer, string property, Fathom.Models.Signatures.ModelSchema schema)
    {
        writer.WriteStartArray(property);
        if (schema.IsTensorBased)
        {
            foreach (var tensor in schema.Tensors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tensor.Name);
                writer.WriteString("datatype", V2Types.Of(tensor));
                writer.WriteStartArray("shape");
                foreach (var d in tensor.Shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
        else
        {
            foreach (var column in schema.Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", column.Name);
                writer.WriteString("datatype", V2Types.Of(column.Type));
                writer.WriteStartArray("shape");
                writer.WriteNumberValue(-1);
                if (column.IsArray) writer.WriteNumberValue(-1);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
        writer.WriteEndArray();
    }
}
