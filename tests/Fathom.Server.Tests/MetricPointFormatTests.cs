using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fathom.Server.Wire;

namespace Fathom.Server.Tests;

public sealed class MetricPointFormatTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.0)]
    [InlineData(1e20)]
    [InlineData(1e-7)]
    [InlineData(123456789012345678.0)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(double.Epsilon)]
    [InlineData(1.0 / 3)]
    public void A_point_is_written_as_Utf8JsonWriter_writes_it(double value)
    {
        const string key = "val/loss \"1\" <é>";
        Assert.Equal(WithUtf8JsonWriter(key, value, long.MinValue, long.MaxValue), Format(key, value, long.MinValue, long.MaxValue));
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    public void Values_JSON_cannot_hold_are_protobuf_strings(double value, string expected)
    {
        Assert.Equal($$"""{"key":"m","value":{{expected}},"timestamp":1,"step":-2}""", Format("m", value, 1, -2));
    }

    private static string Format(string key, double value, long timestamp, long step)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new MetricPointFormat(key).Write(buffer, value, timestamp, step);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string WithUtf8JsonWriter(string key, double value, long timestamp, long step)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteNumber("value", value);
            json.WriteNumber("timestamp", timestamp);
            json.WriteNumber("step", step);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
