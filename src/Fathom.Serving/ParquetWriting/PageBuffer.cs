using System.Buffers;
using System.Buffers.Binary;

namespace Fathom.Serving.ParquetWriting;

/// <summary>
/// A growable byte buffer reused page after page (the writer that owns it is single-threaded): unlike
/// <see cref="ArrayBufferWriter{T}"/> it is emptied without clearing, and a length prefix can be patched once the
/// bytes it counts are written.
/// </summary>
internal sealed class PageBuffer : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[4096];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public void Advance(int count) => Length += count;

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 16));
        return _bytes.AsSpan(Length);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 16));
        return _bytes.AsMemory(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Leaves room for a 4-byte little-endian length and returns where it goes (see <see cref="PatchLength"/>).</summary>
    public int ReserveLength()
    {
        Reserve(4);
        Length += 4;
        return Length - 4;
    }

    /// <summary>Writes the count of bytes written since <paramref name="at"/> (from <see cref="ReserveLength"/>) there.</summary>
    public void PatchLength(int at) => BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(at), Length - at - 4);

    private void Reserve(int bytes)
    {
        if (_bytes.Length - Length >= bytes) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + bytes));
    }
}
