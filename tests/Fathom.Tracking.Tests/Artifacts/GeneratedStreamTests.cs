namespace Fathom.Tracking.Tests.Artifacts;

/// <summary>The large-file tests trust this helper's hashes, so it must give the same bytes however it is read.</summary>
public sealed class GeneratedStreamTests
{
    [Fact]
    public void The_bytes_do_not_depend_on_the_sizes_of_the_reads()
    {
        var whole = new byte[1000];
        Assert.Equal(1000, new GeneratedStream(1000, 5).Read(whole));

        var pieces = new MemoryStream();
        var stream = new GeneratedStream(1000, 5);
        var buffer = new byte[13];
        int read;
        while ((read = stream.Read(buffer, 0, Random.Shared.Next(1, 14))) > 0) pieces.Write(buffer, 0, read);

        Assert.Equal(whole, pieces.ToArray());
        Assert.NotEqual(whole, ReadAll(new GeneratedStream(1000, 6)));
    }

    private static byte[] ReadAll(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
