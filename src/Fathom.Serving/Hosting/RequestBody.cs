using System.Buffers;
using System.IO.Pipelines;

namespace Fathom.Serving.Hosting;

/// <summary>
/// Reads a whole request body from Kestrel's pipe. A body that arrived in one segment (every small request) is
/// handed to the parser without a copy; a larger one is copied once into a pooled array. Kestrel enforces the size
/// limit (413) while the pipe fills.
/// </summary>
internal static class RequestBody
{
    public static async ValueTask<T> ReadAsync<T, TState>(HttpContext context, TState state, BodyParser<T, TState> parse)
    {
        var pipe = context.Request.BodyReader;
        ReadResult result;
        while (true)
        {
            result = await pipe.ReadAsync(context.RequestAborted);
            if (result.IsCompleted || result.IsCanceled) break;
            pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
        var buffer = result.Buffer;
        try
        {
            if (buffer.IsSingleSegment) return parse(buffer.FirstSpan, state);
            var length = checked((int)buffer.Length);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                buffer.CopyTo(rented);
                return parse(rented.AsSpan(0, length), state);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        finally
        {
            pipe.AdvanceTo(buffer.End);
        }
    }
}

internal delegate T BodyParser<out T, in TState>(ReadOnlySpan<byte> body, TState state);
