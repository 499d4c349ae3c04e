using System.Diagnostics;
using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Serving.Hosting;
using Fathom.Serving.Models;
using Fathom.Serving.Observability;
using Fathom.Serving.Protocol;
using Fathom.Serving.Scoring;

namespace Fathom.Serving.Apis;

/// <summary><c>POST /invocations</c>: MLflow's scoring protocol.</summary>
public static class InvocationsApi
{
    public const string ModelVersionHeader = "X-Fathom-Model-Version";

    public static IEndpointRouteBuilder MapInvocationsApi(this IEndpointRouteBuilder app)
    {
        var slot = app.ServiceProvider.GetRequiredService<ModelSlot>();
        var scorer = app.ServiceProvider.GetRequiredService<Scorer>();
        var metrics = app.ServiceProvider.GetRequiredService<ServingMetrics>().ForEndpoint("invocations");
        var timeout = app.ServiceProvider.GetRequiredService<ServingOptions>().RequestTimeout;
        // A plain RequestDelegate: no model binding or result objects on the hot path.
        app.MapPost("/invocations", context => HandleAsync(context, slot, scorer, metrics, timeout)).WithTags("Scoring");
        return app;
    }

    internal static async Task HandleAsync(HttpContext context, ModelSlot slot, Scorer scorer, ServingMetrics.EndpointMetrics metrics, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.For(context);
        context.Response.Headers[RequestIds.Header] = requestId;
        try
        {
            var served = slot.Require();
            var body = ContentTypes.Classify(context.Request.ContentType, out var rejection);
            if (body == ContentTypes.Body.Unsupported)
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(rejection!);
                metrics.Failed(415, "UNSUPPORTED_MEDIA_TYPE", Stopwatch.GetElapsedTime(started).TotalSeconds);
                return;
            }
            var input = await RequestBody.ReadAsync(context, (served.InputNames, body), static (bytes, state) =>
                state.body == ContentTypes.Body.Json ? ScoringJsonParser.Parse(bytes, state.InputNames) : ScoringCsvParser.Parse(bytes), timeout);
            var output = scorer.Score(served, input.Table, requestId);

            context.Response.Headers[ModelVersionHeader] = served.Version;
            await JsonResponse.WriteAsync(context, output, static (writer, output) => PredictionsJsonWriter.Write(writer, output.Columns, output.Scores));
            metrics.Succeeded(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is FathomException or BadHttpRequestException)
        {
            var (code, message, status) = ServingErrors.Classify(e);
            metrics.Failed(status, code.ToString(), Stopwatch.GetElapsedTime(started).TotalSeconds);
            await ServingErrors.WriteAsync(context, code, message, status);
        }
    }
}
