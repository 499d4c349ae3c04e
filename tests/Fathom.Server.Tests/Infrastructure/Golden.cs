using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.Server.Tests.Infrastructure;

/// <summary>
/// Golden JSON files under Golden/: a wire shape is compared after volatile values (ids, server clocks, URIs that
/// contain ids) are replaced by placeholders. Set FATHOM_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
/// </summary>
public static class Golden
{
    private static readonly HashSet<string> Volatile =
    [
        "run_id", "run_uuid", "experiment_id", "start_time", "end_time", "creation_time", "last_update_time",
        "artifact_uri", "artifact_location", "creation_timestamp", "last_updated_timestamp",
    ];

    public static void AssertMatches(string fileName, JsonElement actual, [CallerFilePath] string callerPath = "")
    {
        var normalized = Normalize(JsonNode.Parse(actual.GetRawText()))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", fileName);
        if (Environment.GetEnvironmentVariable("FATHOM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, normalized + "\n");
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run with FATHOM_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).TrimEnd(), normalized);
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = Volatile.Contains(key) && value is JsonValue ? JsonValue.Create($"<{key}>") : Normalize(value?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Normalize(array[i]?.DeepClone());
                }

                return array;
            default:
                return node;
        }
    }
}
