namespace Fathom.Serving.Protocol;

/// <summary>
/// MLflow's content-type rules for <c>/invocations</c>: <c>application/json</c> or <c>text/csv</c>, UTF-8 only, no
/// parameter other than <c>charset</c>. Anything else is answered 415 with MLflow's plain-text message.
/// </summary>
internal static class ContentTypes
{
    public enum Body { Json, Csv, Unsupported }

    public static Body Classify(string? contentType, out string? rejection)
    {
        rejection = null;
        if (contentType is "application/json") return Body.Json;
        var parts = (contentType ?? "").Split(';', StringSplitOptions.TrimEntries);
        string? charset = null;
        var unexpected = new List<string>();
        foreach (var pair in parts.Skip(1))
        {
            var (key, value) = pair.IndexOf('=') is var i and >= 0 ? (pair[..i].Trim(), pair[(i + 1)..].Trim()) : (pair, "");
            if (key.Equals("charset", StringComparison.OrdinalIgnoreCase)) charset = value.Trim('"');
            else if (key.Length > 0) unexpected.Add(key);
        }
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            rejection = "The scoring server only supports UTF-8";
            return Body.Unsupported;
        }
        if (unexpected.Count > 0)
        {
            rejection = $"Unrecognized content type parameters: {string.Join(", ", unexpected)}.";
            return Body.Unsupported;
        }
        switch (parts[0].ToLowerInvariant())
        {
            case "application/json": return Body.Json;
            case "text/csv": return Body.Csv;
            default:
                rejection = "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. " +
                            $"Got '{contentType ?? "None"}'.";
                return Body.Unsupported;
        }
    }
}
