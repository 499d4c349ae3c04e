using System.Text.Json;

namespace Fathom.Monitoring.Tests.Performance;

/// <summary>Reads "a.b[2].c[0][1]" out of a JSON document: the oracle's keys are paths into the report.</summary>
internal static class JsonPath
{
    public static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            if (bracket < 0) continue;
            foreach (var index in part[(bracket + 1)..].TrimEnd(']').Split("]["))
            {
                var i = int.Parse(index);
                if (current.ValueKind != JsonValueKind.Array || i >= current.GetArrayLength()) return null;
                current = current[i];
            }
        }
        return current;
    }
}
