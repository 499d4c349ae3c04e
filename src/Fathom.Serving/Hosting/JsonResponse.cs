using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;

namespace Fathom.Serving.Hosting;

/// <summary>
/// Writes a scoring response as one JSON body with a Content-Length (no chunked framing) from a pooled buffer and
/// writer: at tens of thousands of requests per second the per-request writer and buffer were a good share of the
/// garbage. Buffers that grew past <see cref="MaxPooledBytes"/> (a huge batch) are not kept.
/// </summary>
internal static class JsonResponse
{
    private const int MaxPooledBytes = 1 << 20;

    private static readonly ObjectPool<Buffer> Pool = new DefaultObjectPool<Buffer>(new Policy(), Environment.ProcessorCount * 8);

    public static async Task WriteAsync<TState>(HttpContext context, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = Pool.Get();
        try
        {
            write(buffer.Writer, state);
            buffer.Writer.Flush();
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = buffer.Bytes.WrittenCount;
            await context.Response.Body.WriteAsync(buffer.Bytes.WrittenMemory, context.RequestAborted);
        }
        finally
        {
            Pool.Return(buffer);
        }
    }

    private sealed class Buffer
    {
        // The response writers are tested for well-formed output; skipping the per-token checks saves time per request.
        public Buffer() => Writer = new Utf8JsonWriter(Bytes, new JsonWriterOptions { SkipValidation = true });

        public ArrayBufferWriter<byte> Bytes { get; } = new(256);

        public Utf8JsonWriter Writer { get; }
    }

    private sealed class Policy : IPooledObjectPolicy<Buffer>
    {
        public Buffer Create() => new();

        public bool Return(Buffer buffer)
        {
            if (buffer.Bytes.Capacity > MaxPooledBytes) return false;
            buffer.Bytes.ResetWrittenCount();
            buffer.Writer.Reset(buffer.Bytes);
            return true;
        }
    }
}
