using System.Text;
using System.Text.Json;
using Fathom.Server.Wire;

namespace Fathom.Server.Tests;

public sealed class LogBatchFastReaderTests
{
    [Fact]
    public void A_training_batch_is_read_as_the_general_reader_reads_it()
    {
        var body = """
            {"run_id": "abc123", "metrics": [
              {"key": "loss", "value": 0.25, "step": 7, "timestamp": 1700000000000},
              {"timestamp": 1700000000001, "key": "acc", "value": -1e-3},
              {"key": "loss", "value": 3, "step": 8, "timestamp": 1700000000002}
            ]}
            """;

        var fast = LogBatchFastReader.TryRead(Encoding.UTF8.GetBytes(body));
        var general = JsonSerializer.Deserialize(body, MlflowJsonContext.Wire.LogBatchRequest)!;

        Assert.NotNull(fast);
        Assert.Equal(general.RunId, fast.RunId);
        Assert.Equal(Fields(general.Metrics!), Fields(fast.Metrics!));
        Assert.Null(fast.Params);
        Assert.Same(fast.Metrics![0].Key, fast.Metrics[2].Key);
    }

    [Fact]
    public void An_empty_metric_list_is_read()
    {
        var fast = LogBatchFastReader.TryRead("""{"run_id":"r","metrics":[]}"""u8);

        Assert.Empty(Assert.IsType<List<MetricDto>>(fast?.Metrics));
    }

    [Theory]
    [InlineData("""{"run_id":"r","metrics":[],"params":[{"key":"a","value":"1"}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","value":"NaN","timestamp":1}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","value":1,"timestamp":"5"}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","value":1,"timestamp":1,"step":null}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","value":1,"timestamp":1.5}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m\u0041","value":1,"timestamp":1}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","value":1,"timestamp":1,"extra":1}]}""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","key":"n","value":1,"timestamp":1}]}""")]
    [InlineData("""{"run_id":"r","run_id":"s","metrics":[]}""")]
    [InlineData("""{"run_id":"r","metrics":[1]}""")]
    [InlineData("""{"run_id":"r","metrics":[]} x""")]
    [InlineData("""{"run_id":"r","metrics":[{"key":"m","value":1,"timestamp":1}""")]
    [InlineData("\"{\\\"run_id\\\":\\\"r\\\"}\"")]
    [InlineData("[]")]
    public void Anything_but_the_common_shape_is_left_to_the_general_reader(string body)
    {
        Assert.Null(LogBatchFastReader.TryRead(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void A_key_with_invalid_UTF8_is_left_to_the_general_reader()
    {
        byte[] body = [.. """{"run_id":"r","metrics":[{"key":"""u8, (byte)'"', 0xC3, 0x28, (byte)'"', .. ""","value":1,"timestamp":1}]}"""u8];

        Assert.Null(LogBatchFastReader.TryRead(body));
    }

    private static List<(string?, double?, long?, long?)> Fields(List<MetricDto> metrics) =>
        metrics.ConvertAll(m => (m.Key, m.Value, m.Timestamp, m.Step));
}
