using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Fathom.Tracking.Tests.Artifacts;

/// <summary>
/// A read-only, non-seekable stream of <c>length</c> pseudo-random bytes from a seed: large test files without
/// keeping them in memory or on disk. The same seed always gives the same bytes, so hashes can be compared.
/// </summary>
internal sealed class GeneratedStream(long length, ulong seed) : Stream
{
    private ulong _state = seed | 1;
    private long _position;

    public static string Sha256Of(long length, ulong seed) => Sha256Hex(new GeneratedStream(length, seed));

    public static string Sha256Hex(Stream stream) => Convert.ToHexString(SHA256.HashData(stream));

    public static async Task<string> Sha256HexAsync(Stream stream) => Convert.ToHexString(await SHA256.HashDataAsync(stream));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var i = 0;
        // Byte by byte up to a word boundary of the stream, then whole words: the bytes never depend on read sizes.
        for (; i < count && (_position & 7) != 0; i++, _position++) buffer[i] = NextByte();
        for (; i + 8 <= count; i += 8, _position += 8)
        {
            Advance();
            BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], _state);
        }
        for (; i < count; i++, _position++) buffer[i] = NextByte();
        return count;
    }

    private byte NextByte()
    {
        var shift = (int)(_position & 7) * 8;
        if (shift == 0) Advance();
        return (byte)(_state >> shift);
    }

    // xorshift64: one word per 8 bytes of stream position.
    private void Advance()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
