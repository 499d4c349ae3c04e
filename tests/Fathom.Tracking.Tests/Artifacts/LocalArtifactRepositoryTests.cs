using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

/// <summary>Behaviour only the local folder backend has: atomic uploads and a root that stays closed.</summary>
public sealed class LocalArtifactRepositoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_failed_upload_leaves_neither_a_partial_file_nor_a_staging_file()
    {
        using var repository = ArtifactRepositoryFactory.Create(_folder.Combine("root"));
        await repository.WriteAsync("dir/kept.txt", new MemoryStream([1, 2, 3]));

        await Assert.ThrowsAsync<IOException>(() => repository.WriteAsync("dir/kept.txt", new FailingStream(100_000)));
        await Assert.ThrowsAsync<IOException>(() => repository.WriteAsync("dir/new.txt", new FailingStream(100_000)));

        Assert.Equal(["kept.txt"], Directory.GetFileSystemEntries(_folder.Combine("root", "dir")).Select(Path.GetFileName));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(_folder.Combine("root", "dir", "kept.txt")));
    }

    [Fact]
    public async Task Traversal_attempts_write_nothing_next_to_the_root()
    {
        using var repository = ArtifactRepositoryFactory.Create(_folder.Combine("root"));
        foreach (var path in ArtifactRepositoryConformance.UnsafePaths)
            await Assert.ThrowsAnyAsync<Exception>(() => repository.WriteAsync(path, new MemoryStream([1])));

        Assert.All(Directory.GetFileSystemEntries(_folder.Path), entry => Assert.Equal("root", Path.GetFileName(entry)));
        Assert.False(File.Exists("/escape.txt"));
    }

    [Fact]
    public async Task Writing_below_a_path_that_is_a_file_is_refused_as_a_client_error()
    {
        using var repository = ArtifactRepositoryFactory.Create(_folder.Combine("root"));
        await repository.WriteAsync("taken", new MemoryStream([1]));

        var error = await Assert.ThrowsAsync<Fathom.Core.Errors.FathomException>(
            () => repository.WriteAsync("taken/child.txt", new MemoryStream([2])));
        Assert.Equal(Fathom.Core.Errors.ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Yields some bytes, then fails as a dropped client connection would.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _left = bytesBeforeFailure;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left == 0) throw new IOException("connection reset");
            var n = Math.Min(count, _left);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
