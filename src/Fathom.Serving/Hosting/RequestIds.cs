using System.Security.Cryptography;

namespace Fathom.Serving.Hosting;

/// <summary>
/// The id a request is known by in the response header and the prediction log: the caller's <c>X-Request-Id</c> when
/// it sent a sensible one (so ground truth can be joined on the caller's own ids), else a new one.
/// <para>
/// New ids are UUIDv7-shaped (32 hex digits: the Unix time in milliseconds, the version and variant bits, then 74
/// bits) but the 74 bits are a random per-process start plus a counter, not fresh randomness: <c>Guid.CreateVersion7</c>
/// reads the kernel's random source on every call, a system call that was ~2% of a single-row request's CPU. Ids stay
/// unique within the process (the counter) and across processes (the random start), and still sort by time.
/// </para>
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";

    private const ulong VariantBits = 0x8000_0000_0000_0000UL;
    private const ulong LowMask = 0x3FFF_FFFF_FFFF_FFFFUL;

    private static readonly ushort RandomA = (ushort)(RandomNumberGenerator.GetInt32(1 << 12));
    private static long s_counter = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    public static string For(HttpContext context)
    {
        var given = context.Request.Headers[Header];
        if (given.Count == 1 && given[0] is { Length: > 0 and <= 128 } id && IsPrintableAscii(id)) return id;
        return New();
    }

    /// <summary>A new id: 32 lowercase hex digits.</summary>
    internal static string New()
    {
        var milliseconds = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var high = milliseconds << 16 | 0x7000UL | RandomA;
        var low = VariantBits | ((ulong)Interlocked.Increment(ref s_counter) & LowMask);
        return string.Create(32, (high, low), static (text, id) =>
        {
            id.high.TryFormat(text, out _, "x16");
            id.low.TryFormat(text[16..], out _, "x16");
        });
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
            if (c is < '!' or > '~') return false;
        return true;
    }
}
