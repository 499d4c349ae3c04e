using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Wire;

/// <summary>
/// get-history's response, formatted point by point while the store reads the page, in the shape
/// <see cref="GetMetricHistoryResponse"/> serializes to (MLflow's: NaN and infinities as strings, fields in proto order).
/// The page is built in a <see cref="PooledSegmentBuffer"/> and sent after the read transaction ends, so a slow client
/// never holds a database snapshot, an error the store raises at any point still becomes an MLflow error body, and the
/// response carries a Content-Length instead of chunked encoding.
/// <para>
/// Each point is formatted from a prefix encoded once per response (<c>{"key":"...","value":</c>): through
/// <see cref="Utf8JsonWriter"/>, property by property, JSON writing was a quarter of the server's CPU for a
/// 100,000-point read; writing each point into Kestrel's response pipe (a lock per Advance, chunk framing) was
/// another 8%. Numbers are formatted as <see cref="Utf8JsonWriter"/> formats them (shortest round-trip).
/// </para>
/// </summary>
internal sealed class MetricHistoryJson(string key) : IMetricHistoryWriter, IDisposable
{
    private readonly MetricPointFormat _format = new(key);
    private readonly PooledSegmentBuffer _body = new();
    private bool _inArray;

    public void Write(double value, long timestamp, long step)
    {
        _body.Write(_inArray ? ","u8 : "{\"metrics\":["u8);
        _inArray = true;
        _format.Write(_body, value, timestamp, step);
    }

    /// <summary>Closes the JSON (adding the token when there is a next page) and sends it.</summary>
    public async Task SendAsync(HttpResponse response, string? nextPageToken, CancellationToken ct)
    {
        _body.Write(_inArray ? "]"u8 : "{"u8);
        if (nextPageToken is not null)
        {
            _body.Write(_inArray ? ",\"next_page_token\":\""u8 : "\"next_page_token\":\""u8);
            _body.Write(JsonEncodedText.Encode(nextPageToken, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
            _body.Write("\""u8);
        }

        _body.Write("}"u8);
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _body.Length;
        await _body.CopyToAsync(response.BodyWriter, ct).ConfigureAwait(false);
    }

    public void Dispose() => _body.Dispose();
}
