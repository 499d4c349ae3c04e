using System.Buffers;
using System.IO.Pipelines;

namespace Fathom.Server.Wire;

/// <summary>
/// A response body built in memory before it is sent, in 64 KiB arrays from the shared pool (under the large object
/// heap's threshold, so a page does not leave large arrays to the GC), so its length is known when the headers go out.
/// Disposing returns the arrays.
/// </summary>
internal sealed class PooledSegmentBuffer : IBufferWriter<byte>, IDisposable
{
    private const int SegmentSize = 64 * 1024;
    private readonly List<(byte[] Array, int Length)> _full = [];
    private byte[] _current = [];
    private int _written;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        _written += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    /// <summary>Writes the buffered bytes to <paramref name="output"/>, one flush per segment (Kestrel's back-pressure).</summary>
    public async Task CopyToAsync(PipeWriter output, CancellationToken ct)
    {
        foreach (var (array, length) in _full)
        {
            await output.WriteAsync(array.AsMemory(0, length), ct).ConfigureAwait(false);
        }

        if (_written > 0)
        {
            await output.WriteAsync(_current.AsMemory(0, _written), ct).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _full.Clear();
        if (_current.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = [];
        }

        _written = 0;
        Length = 0;
    }

    private byte[] Reserve(int sizeHint)
    {
        if (_current.Length - _written >= Math.Max(sizeHint, 1))
        {
            return _current;
        }

        if (_current.Length > 0)
        {
            _full.Add((_current, _written));
        }

        _current = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, SegmentSize));
        _written = 0;
        return _current;
    }
}
