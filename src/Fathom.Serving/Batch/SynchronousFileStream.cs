namespace Fathom.Serving.Batch;

/// <summary>
/// A file whose async reads and writes complete on the calling thread. Parquet.Net awaits every page it reads or
/// writes; on a plain <see cref="FileStream"/> each of those becomes a thread-pool work item, and the hops cost more
/// than the buffered copies themselves. Batch stages run on their own threads, so blocking there is what we want.
/// </summary>
internal sealed class SynchronousFileStream(FileStream file) : Stream
{
    private const int BufferBytes = 1 << 20;

    public static SynchronousFileStream OpenRead(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan));

    public static SynchronousFileStream Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes));

    public override bool CanRead => file.CanRead;
    public override bool CanSeek => file.CanSeek;
    public override bool CanWrite => file.CanWrite;
    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => file.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(file.Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(file.Read(buffer, offset, count));

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => file.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        file.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        file.Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override void Flush() => file.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        file.Flush();
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
    public override void SetLength(long value) => file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        file.Dispose();
        return ValueTask.CompletedTask;
    }
}
