using System.Globalization;
using Fathom.Serving.Hosting;

namespace Fathom.Serving.Tests.Hosting;

public sealed class RequestIdsTests
{
    [Fact]
    public void New_ids_are_uuid_v7_shaped_hex_with_the_current_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = RequestIds.New();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Matches("^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id);
        var milliseconds = long.Parse(id[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.InRange(milliseconds, before, after);
        Assert.True(Guid.TryParseExact(id, "N", out _));
    }

    [Fact]
    public void New_ids_from_many_threads_never_repeat()
    {
        var ids = new string[8][];
        Parallel.For(0, ids.Length, t => ids[t] = [.. Enumerable.Range(0, 20_000).Select(_ => RequestIds.New())]);

        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }
}
