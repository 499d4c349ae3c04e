using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Wire;

/// <summary>
/// get-history's response written point by point into the response body while the store reads the page, in the shape
/// <see cref="GetMetricHistoryResponse"/> serializes to (MLflow's: NaN and infinities as strings, fields in proto order).
/// A page is buffered in the body's pipe, not as objects, and sent after the read transaction ends, so a slow client
/// never holds a database snapshot. Nothing is written before the first point, so an error the store raises before it
/// still becomes an MLflow error body.
/// <para>
/// Each point is formatted straight into the pipe from a prefix encoded once per response (<c>{"key":"...","value":</c>):
/// through <see cref="Utf8JsonWriter"/>, property by property, JSON writing was a quarter of the server's CPU for a
/// 100,000-point read. Numbers are formatted as <see cref="Utf8JsonWriter"/> formats them (shortest round-trip).
/// </para>
/// </summary>
internal sealed class MetricHistoryJson(HttpResponse response, string key) : IMetricHistoryWriter
{
    private readonly MetricPointFormat _format = new(key);
    private bool _inArray;

    public void Write(double value, long timestamp, long step)
    {
        var body = response.BodyWriter;
        if (!_inArray)
        {
            response.ContentType = "application/json; charset=utf-8";
            body.Write("{\"metrics\":["u8);
            _inArray = true;
        }
        else
        {
            body.Write(","u8);
        }

        _format.Write(body, value, timestamp, step);
    }

    /// <summary>Closes the JSON (adding the token when there is a next page) and sends it.</summary>
    public async Task CompleteAsync(string? nextPageToken, CancellationToken ct)
    {
        var body = response.BodyWriter;
        if (!_inArray)
        {
            response.ContentType = "application/json; charset=utf-8";
            body.Write("{"u8);
        }
        else
        {
            body.Write("]"u8);
        }

        if (nextPageToken is not null)
        {
            body.Write(_inArray ? ",\"next_page_token\":\""u8 : "\"next_page_token\":\""u8);
            body.Write(JsonEncodedText.Encode(nextPageToken, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
            body.Write("\""u8);
        }

        body.Write("}"u8);
        await body.FlushAsync(ct).ConfigureAwait(false);
    }
}
