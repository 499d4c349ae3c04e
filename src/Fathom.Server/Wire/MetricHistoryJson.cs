using System.Text.Encodings.Web;
using System.Text.Json;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Wire;

/// <summary>
/// get-history's response written point by point into the response body while the store reads the page, in the shape
/// <see cref="GetMetricHistoryResponse"/> serializes to (MLflow's: NaN and infinities as strings, fields in proto order).
/// A page (at most 25,000 points) is buffered in the body's pipe, not as objects, and sent after the read transaction
/// ends, so a slow client never holds a database snapshot. Nothing is written before the first point, so an error the
/// store raises before it still becomes an MLflow error body.
/// </summary>
internal sealed class MetricHistoryJson(HttpResponse response, string key) : IMetricHistoryWriter, IDisposable
{
    private const int FlushThreshold = 16 * 1024;
    private static readonly JsonEncodedText MetricsName = JsonEncodedText.Encode("metrics");
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText StepName = JsonEncodedText.Encode("step");
    private static readonly JsonEncodedText NextPageTokenName = JsonEncodedText.Encode("next_page_token");
    private readonly JsonEncodedText _key = JsonEncodedText.Encode(key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    private Utf8JsonWriter? _json;
    private bool _inArray;

    public void Write(double value, long timestamp, long step)
    {
        var json = Start();
        if (!_inArray)
        {
            json.WriteStartArray(MetricsName);
            _inArray = true;
        }

        json.WriteStartObject();
        json.WriteString(KeyName, _key);
        if (double.IsFinite(value))
        {
            json.WriteNumber(ValueName, value);
        }
        else
        {
            json.WriteString(ValueName, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }

        json.WriteNumber(TimestampName, timestamp);
        json.WriteNumber(StepName, step);
        json.WriteEndObject();
        if (json.BytesPending > FlushThreshold)
        {
            // Hands the bytes to the pipe (no network write yet); keeps the writer's own buffer small.
            json.Flush();
        }
    }

    /// <summary>Closes the JSON (adding the token when there is a next page) and sends it.</summary>
    public async Task CompleteAsync(string? nextPageToken, CancellationToken ct)
    {
        var json = Start();
        if (_inArray)
        {
            json.WriteEndArray();
        }

        if (nextPageToken is not null)
        {
            json.WriteString(NextPageTokenName, nextPageToken);
        }

        json.WriteEndObject();
        await json.FlushAsync(ct).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
    }

    public void Dispose() => _json?.Dispose();

    private Utf8JsonWriter Start()
    {
        if (_json is null)
        {
            response.ContentType = "application/json; charset=utf-8";
            _json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _json.WriteStartObject();
        }

        return _json;
    }
}
