using System.Text;
using Fathom.Core.Errors;
using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

/// <summary>
/// Links planted inside the root (by an operator, another tool or an attacker with shell access) must not let a
/// client read, list or write outside it.
/// </summary>
public sealed class LocalArtifactRepositorySymlinkTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _root;
    private readonly string _outside;
    private readonly IArtifactRepository _repository;

    public LocalArtifactRepositorySymlinkTests()
    {
        _root = _folder.Combine("root");
        _outside = _folder.Combine("outside");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "leak.txt"), Path.Combine(_outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "relative-escape"), "../outside");
        _repository = ArtifactRepositoryFactory.Create(_root);
    }

    [Theory]
    [InlineData("escape/secret.txt")]
    [InlineData("leak.txt")]
    [InlineData("relative-escape/secret.txt")]
    public async Task Reading_through_a_link_that_leaves_the_root_is_refused(string path)
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => _repository.OpenReadAsync(path));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }

    [Theory]
    [InlineData("escape/planted.txt")]
    [InlineData("relative-escape/deeper/planted.txt")]
    [InlineData("leak.txt")]
    public async Task Writing_through_a_link_that_leaves_the_root_is_refused_and_writes_nothing_outside(string path)
    {
        var error = await Assert.ThrowsAsync<FathomException>(
            () => _repository.WriteAsync(path, new MemoryStream(Encoding.UTF8.GetBytes("pwned"))));

        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Equal(["secret.txt"], Directory.GetFileSystemEntries(_outside).Select(Path.GetFileName));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(_outside, "secret.txt")));
    }

    [Fact]
    public async Task Listing_through_a_link_that_leaves_the_root_is_refused()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => _repository.ListAsync("escape"));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }

    [Fact]
    public async Task Listing_the_root_hides_links_that_leave_it()
    {
        await _repository.WriteAsync("own.txt", new MemoryStream([1]));

        Assert.Equal([new ArtifactFileInfo("own.txt", false, 1)], await _repository.ListAsync(null));
    }

    [Fact]
    public async Task Deleting_through_a_link_that_leaves_the_root_is_refused_and_deletes_nothing_outside()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => _repository.DeleteAsync("escape"));

        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.True(File.Exists(Path.Combine(_outside, "secret.txt")));
    }

    [Fact]
    public async Task A_link_that_stays_inside_the_root_is_followed()
    {
        await _repository.WriteAsync("real/data.txt", new MemoryStream(Encoding.UTF8.GetBytes("inside")));
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), Path.Combine(_root, "real"));

        await using var read = await _repository.OpenReadAsync("alias/data.txt");
        Assert.Equal("inside", await new StreamReader(read).ReadToEndAsync());
    }

    [Fact]
    public async Task A_link_loop_is_refused_rather_than_followed_forever()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "loop-a"), Path.Combine(_root, "loop-b"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "loop-b"), Path.Combine(_root, "loop-a"));

        var error = await Assert.ThrowsAsync<FathomException>(() => _repository.OpenReadAsync("loop-a/x.txt"));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }

    public void Dispose()
    {
        _repository.Dispose();
        _folder.Dispose();
    }
}
