using System.Text;
using System.Text.Json;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Stores;

/// <summary>MLflow's page token: base64 of the JSON <c>{"offset": N}</c> (<c>SearchUtils.create_page_token</c>).</summary>
internal static class PageToken
{
    public static string Create(long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));

    public static long ParseOffset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            throw FathomException.InvalidParameter("Invalid page token, could not base64-decode");
        }

        var text = Encoding.UTF8.GetString(decoded);
        JsonElement offset;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("offset", out var found))
            {
                throw FathomException.InvalidParameter($"Invalid page token, parsed value={text}");
            }

            offset = found.Clone();
        }
        catch (JsonException)
        {
            throw FathomException.InvalidParameter($"Invalid page token, decoded value={text}");
        }

        if (offset.ValueKind == JsonValueKind.Number && offset.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        if (offset.ValueKind == JsonValueKind.String && long.TryParse(offset.GetString(), out var parsed) && parsed >= 0)
        {
            return parsed;
        }

        throw FathomException.InvalidParameter($"Invalid page token, not stringable {offset.GetRawText()}");
    }
}
