using System.IO.Pipelines;
using Fathom.Server.Wire;

namespace Fathom.Server.Tests;

public sealed class PooledSegmentBufferTests
{
    [Fact]
    public async Task Bytes_written_across_many_segments_come_out_in_order()
    {
        var expected = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        using var buffer = new PooledSegmentBuffer();
        // Writes of odd sizes, so they straddle the 64 KiB segment ends.
        for (var at = 0; at < expected.Length; at += 1000)
        {
            var chunk = expected.AsSpan(at, Math.Min(1000, expected.Length - at));
            chunk.CopyTo(buffer.GetSpan(chunk.Length));
            buffer.Advance(chunk.Length);
        }

        Assert.Equal(expected.Length, buffer.Length);
        Assert.Equal(expected, await CopiedAsync(buffer));
    }

    [Fact]
    public async Task A_span_larger_than_a_segment_is_handed_out_whole()
    {
        using var buffer = new PooledSegmentBuffer();
        buffer.GetSpan(10)[0] = 1;
        buffer.Advance(1);

        var large = buffer.GetSpan(200_000);
        Assert.True(large.Length >= 200_000);
        large[..200_000].Fill(2);
        buffer.Advance(200_000);

        var bytes = await CopiedAsync(buffer);
        Assert.Equal(200_001, bytes.Length);
        Assert.Equal(1, bytes[0]);
        Assert.All(bytes[1..], b => Assert.Equal(2, b));
    }

    [Fact]
    public async Task Dispose_empties_the_buffer()
    {
        var buffer = new PooledSegmentBuffer();
        buffer.GetSpan(5);
        buffer.Advance(5);

        buffer.Dispose();

        Assert.Equal(0, buffer.Length);
        Assert.Empty(await CopiedAsync(buffer));
    }

    private static async Task<byte[]> CopiedAsync(PooledSegmentBuffer buffer)
    {
        var output = new MemoryStream();
        var pipe = PipeWriter.Create(output);
        await buffer.CopyToAsync(pipe, CancellationToken.None);
        await pipe.CompleteAsync();
        return output.ToArray();
    }
}
