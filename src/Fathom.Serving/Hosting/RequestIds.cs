namespace Fathom.Serving.Hosting;

/// <summary>
/// The id a request is known by in the response header and the prediction log: the caller's <c>X-Request-Id</c> when
/// it sent a sensible one (so ground truth can be joined on the caller's own ids), else a new one.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static string For(HttpContext context)
    {
        var given = context.Request.Headers[Header];
        if (given.Count == 1 && given[0] is { Length: > 0 and <= 128 } id && IsPrintableAscii(id)) return id;
        return Guid.CreateVersion7().ToString("N");
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
            if (c is < '!' or > '~') return false;
        return true;
    }
}
