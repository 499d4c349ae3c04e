using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fathom.Server.Wire;

/// <summary>One history point as MLflow's JSON object, <c>{"key":...,"value":...,"timestamp":...,"step":...}</c>.</summary>
internal sealed class MetricPointFormat
{
    // A double takes at most 24 bytes ("-1.7976931348623157E+308"), a long 20; the fixed text is under 40.
    private const int NumbersAndNames = 100;
    private readonly byte[] _prefix;

    public MetricPointFormat(string key)
    {
        var encodedKey = JsonEncodedText.Encode(key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        _prefix = [.. "{\"key\":\""u8, .. encodedKey, .. "\",\"value\":"u8];
    }

    public void Write(IBufferWriter<byte> output, double value, long timestamp, long step)
    {
        var span = output.GetSpan(_prefix.Length + NumbersAndNames);
        _prefix.CopyTo(span);
        var at = _prefix.Length;
        at += WriteValue(span[at..], value);
        at += Append(span[at..], ",\"timestamp\":"u8);
        at += WriteLong(span[at..], timestamp);
        at += Append(span[at..], ",\"step\":"u8);
        at += WriteLong(span[at..], step);
        span[at++] = (byte)'}';
        output.Advance(at);
    }

    private static int WriteValue(Span<byte> span, double value)
    {
        if (double.IsFinite(value))
        {
            // The invariant shortest round-trip form, the one Utf8JsonWriter.WriteNumber writes.
            value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            return written;
        }

        return Append(span, double.IsNaN(value) ? "\"NaN\""u8 : value > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8);
    }

    private static int WriteLong(Span<byte> span, long number)
    {
        number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static int Append(Span<byte> span, ReadOnlySpan<byte> text)
    {
        text.CopyTo(span);
        return text.Length;
    }
}
