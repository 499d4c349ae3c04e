using System.Buffers;
using System.IO.Pipelines;
using Fathom.Core.Errors;

namespace Fathom.Serving.Hosting;

/// <summary>
/// Reads a whole request body from Kestrel's pipe. A body that arrived in one segment (every small request) is
/// handed to the parser without a copy; a larger one is copied once into a pooled array. Kestrel enforces the size
/// limit (413) while the pipe fills.
/// <para>
/// The request timeout applies here, to the only wait a scoring request has (scoring itself is synchronous and
/// cannot be interrupted): a body that has not fully arrived within it is answered 504 DEADLINE_EXCEEDED. The timer
/// is armed only when the first read did not already hold the whole body, so a typical request pays nothing for it
/// (ASP.NET Core's timeout middleware armed one for every request).
/// </para>
/// </summary>
internal static class RequestBody
{
    public static async ValueTask<T> ReadAsync<T, TState>(HttpContext context, TState state, BodyParser<T, TState> parse, TimeSpan timeout)
    {
        var pipe = context.Request.BodyReader;
        var result = await pipe.ReadAsync(context.RequestAborted);
        if (!result.IsCompleted && !result.IsCanceled) result = await ReadRestAsync(context, pipe, result, timeout);
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

    private static async ValueTask<ReadResult> ReadRestAsync(HttpContext context, PipeReader pipe, ReadResult result, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            while (!result.IsCompleted && !result.IsCanceled)
            {
                pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                result = await pipe.ReadAsync(deadline.Token);
            }
            return result;
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            throw new FathomException(ErrorCode.DEADLINE_EXCEEDED,
                $"The request body did not arrive within the request timeout ({timeout.TotalSeconds:0.###} s).");
        }
    }
}

internal delegate T BodyParser<out T, in TState>(ReadOnlySpan<byte> body, TState state);
