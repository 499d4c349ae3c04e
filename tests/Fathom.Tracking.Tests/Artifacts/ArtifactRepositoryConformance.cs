using System.Text;
using Fathom.Core.Errors;
using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

/// <summary>
/// What every artifact repository must do. Each backend has a one-line subclass; xunit makes a fresh instance (and so a
/// fresh, empty repository root) per test, so tests run in parallel without sharing state.
/// </summary>
public abstract class ArtifactRepositoryConformance : IDisposable
{
    private const int MultipartSizedLength = 20 << 20;

    private readonly Lazy<IArtifactRepository> _repository;

    protected ArtifactRepositoryConformance() => _repository = new(CreateRepository);

    protected IArtifactRepository Repository => _repository.Value;

    /// <summary>A repository over a new, empty root of its own.</summary>
    protected abstract IArtifactRepository CreateRepository();

    /// <summary>Paths a client might send to climb out of the root or smuggle bytes into a file name.</summary>
    public static readonly string[] UnsafePaths =
    [
        "../escape.txt", "a/../../escape.txt", "..", "/etc/passwd", "%2e%2e/escape.txt", "%2E%2E%2Fescape.txt",
        "%252e%252e/escape.txt", "a%2f..%2f..%2fescape.txt", "..\\escape.txt", "a\\..\\..\\escape.txt",
        "a\0b.txt", "a%00b.txt", "a\nb.txt", "C:/Windows/escape.txt", "a#b.txt", "%2fetc/passwd",
    ];

    public static TheoryData<string> TraversalPaths => new(UnsafePaths);

    [Fact]
    public async Task Write_then_read_round_trips_the_exact_bytes()
    {
        var bytes = new byte[4096];
        Random.Shared.NextBytes(bytes);
        await Repository.WriteAsync("model/weights.bin", new MemoryStream(bytes));

        await using var read = await Repository.OpenReadAsync("model/weights.bin");
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_multipart_sized_stream_of_unknown_length_round_trips_with_the_same_hash()
    {
        await Repository.WriteAsync("big/data.bin", new GeneratedStream(MultipartSizedLength, 7));

        await using var read = await Repository.OpenReadAsync("big/data.bin");
        Assert.Equal(MultipartSizedLength, read.Length);
        Assert.Equal(GeneratedStream.Sha256Of(MultipartSizedLength, 7), await GeneratedStream.Sha256HexAsync(read));
    }

    [Fact]
    public async Task An_empty_stream_is_stored_as_an_empty_file()
    {
        await Repository.WriteAsync("empty.txt", new MemoryStream());

        await using var read = await Repository.OpenReadAsync("empty.txt");
        Assert.Equal(0, read.Length);
        Assert.Equal(-1, read.ReadByte());
        Assert.Equal(new ArtifactFileInfo("empty.txt", false, 0), Assert.Single(await Repository.ListAsync(null)));
    }

    [Fact]
    public async Task Write_replaces_an_existing_file()
    {
        await WriteText("notes.txt", "first version, longer");
        await WriteText("notes.txt", "second");

        Assert.Equal("second", await ReadText("notes.txt"));
    }

    [Fact]
    public async Task List_of_the_root_returns_immediate_children_sorted_with_sizes()
    {
        await WriteText("b.txt", "12345");
        await WriteText("a.txt", "1");
        await WriteText("dir/nested/deep.txt", "x");
        await WriteText("dir/inner.txt", "xy");

        var files = await Repository.ListAsync(null);

        Assert.Equal(
            [new("a.txt", false, 1), new("b.txt", false, 5), new("dir", true, null)],
            files);
        Assert.Equal(files, await Repository.ListAsync(""));
    }

    [Fact]
    public async Task List_of_a_nested_directory_returns_paths_relative_to_the_root()
    {
        await WriteText("dir/nested/deep.txt", "x");
        await WriteText("dir/inner.txt", "xy");
        await WriteText("dir2/other.txt", "not listed");

        Assert.Equal(
            [new("dir/inner.txt", false, 2), new("dir/nested", true, null)],
            await Repository.ListAsync("dir"));
        Assert.Equal([new("dir/nested/deep.txt", false, 1)], await Repository.ListAsync("dir/nested/"));
    }

    [Fact]
    public async Task List_of_a_missing_directory_or_of_a_file_is_empty()
    {
        await WriteText("file.txt", "x");

        Assert.Empty(await Repository.ListAsync("missing"));
        Assert.Empty(await Repository.ListAsync("file.txt"));
    }

    [Fact]
    public async Task Paths_are_normalized_so_redundant_separators_name_the_same_file()
    {
        await WriteText("a//b/./c.txt", "same");

        Assert.Equal("same", await ReadText("a/b/c.txt"));
        Assert.Equal([new("a/b/c.txt", false, 4)], await Repository.ListAsync("a/b"));
    }

    [Fact]
    public async Task Reading_a_missing_file_is_RESOURCE_DOES_NOT_EXIST()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Repository.OpenReadAsync("nope.txt"));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, error.Code);
    }

    [Fact]
    public async Task Reading_a_directory_is_RESOURCE_DOES_NOT_EXIST()
    {
        await WriteText("dir/file.txt", "x");

        var error = await Assert.ThrowsAsync<FathomException>(() => Repository.OpenReadAsync("dir"));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, error.Code);
    }

    [Fact]
    public async Task Delete_of_a_file_removes_only_that_file()
    {
        await WriteText("keep.txt", "k");
        await WriteText("drop.txt", "d");

        await Repository.DeleteAsync("drop.txt");

        Assert.Equal([new("keep.txt", false, 1)], await Repository.ListAsync(null));
    }

    [Fact]
    public async Task Delete_of_a_directory_removes_everything_under_it_but_not_a_sibling_sharing_its_prefix()
    {
        await WriteText("dir/a.txt", "a");
        await WriteText("dir/sub/b.txt", "b");
        await WriteText("dir2/c.txt", "c");
        await WriteText("dir.txt", "d");

        await Repository.DeleteAsync("dir");

        Assert.Equal([new("dir.txt", false, 1), new("dir2", true, null)], await Repository.ListAsync(null));
        await Assert.ThrowsAsync<FathomException>(() => Repository.OpenReadAsync("dir/sub/b.txt"));
    }

    [Fact]
    public async Task Delete_of_a_missing_path_is_not_an_error()
    {
        await Repository.DeleteAsync("never/written.txt");

        Assert.Empty(await Repository.ListAsync(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("./")]
    public async Task Delete_of_the_root_is_refused(string root)
    {
        await WriteText("survivor.txt", "s");

        var error = await Assert.ThrowsAsync<FathomException>(() => Repository.DeleteAsync(root));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Single(await Repository.ListAsync(null));
    }

    [Theory]
    [MemberData(nameof(TraversalPaths))]
    public async Task Every_operation_refuses_an_unsafe_path_with_INVALID_PARAMETER_VALUE(string path)
    {
        await AssertInvalid(() => Repository.WriteAsync(path, new MemoryStream([1, 2, 3])));
        await AssertInvalid(() => Repository.OpenReadAsync(path));
        await AssertInvalid(() => Repository.ListAsync(path));
        await AssertInvalid(() => Repository.DeleteAsync(path));
        Assert.Empty(await Repository.ListAsync(null));
    }

    public void Dispose()
    {
        if (_repository.IsValueCreated) _repository.Value.Dispose();
        Cleanup();
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes what the backend created for this test.</summary>
    protected virtual void Cleanup()
    {
    }

    protected Task WriteText(string path, string text) => Repository.WriteAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(text)));

    protected async Task<string> ReadText(string path)
    {
        await using var stream = await Repository.OpenReadAsync(path);
        return await new StreamReader(stream).ReadToEndAsync();
    }

    private static async Task AssertInvalid(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<FathomException>(action);
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }
}
