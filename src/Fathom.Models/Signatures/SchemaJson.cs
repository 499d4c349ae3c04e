using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fathom.Models.Signatures;

/// <summary>
/// MLflow's schema JSON. Written the way Python's <c>json.dumps</c> writes it (", " and ": " separators, key
/// order type, [items | tensor-spec], name, required) so files diff cleanly against MLflow's.
/// </summary>
internal static class SchemaJson
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ModelSchema schema)
    {
        var sb = new StringBuilder("[");
        if (schema.IsTensorBased)
        {
            foreach (var t in schema.Tensors)
            {
                if (sb.Length > 1) sb.Append(", ");
                sb.Append("{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": ").Append(Quote(t.DType)).Append(", \"shape\": [")
                    .Append(string.Join(", ", t.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))).Append("]}");
                if (t.Name is not null) sb.Append(", \"name\": ").Append(Quote(t.Name));
                sb.Append('}');
            }
        }
        else
        {
            foreach (var c in schema.Columns)
            {
                if (sb.Length > 1) sb.Append(", ");
                sb.Append(c.IsArray
                    ? $"{{\"type\": \"array\", \"items\": {{\"type\": \"{c.Type.Name()}\"}}"
                    : $"{{\"type\": \"{c.Type.Name()}\"");
                if (c.Name is not null) sb.Append(", \"name\": ").Append(Quote(c.Name));
                sb.Append(", \"required\": ").Append(c.Required ? "true" : "false").Append('}');
            }
        }
        return sb.Append(']').ToString();
    }

    public static ModelSchema Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw FathomException.InvalidParameter("A schema must be a JSON list of column or tensor specs.");
            var items = doc.RootElement.EnumerateArray().ToArray();
            if (items.Length > 0 && items.All(e => TypeOf(e) == "tensor"))
                return ModelSchema.OfTensors(items.Select(ReadTensor));
            if (items.Any(e => TypeOf(e) == "tensor"))
                throw FathomException.InvalidParameter("A schema cannot mix tensor and column specs.");
            return ModelSchema.OfColumns(items.Select(ReadColumn));
        }
        catch (JsonException e)
        {
            throw FathomException.InvalidParameter($"The schema is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw FathomException.InvalidParameter($"The schema has a value of the wrong JSON kind: {e.Message}");
        }
    }

    private static string? TypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) ? t.GetString() : null;

    private static ColumnSpec ReadColumn(JsonElement e)
    {
        var type = TypeOf(e) ?? throw FathomException.InvalidParameter("Every schema column needs a \"type\".");
        var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var required = !e.TryGetProperty("required", out var r) || r.ValueKind != JsonValueKind.False;
        if (type != "array") return new ColumnSpec(name, ColumnTypes.Parse(type), required);
        var items = e.TryGetProperty("items", out var i) ? TypeOf(i) : null;
        return items is null || items is "array" or "object" or "map"
            ? throw FathomException.InvalidParameter($"Column '{name}': only arrays of scalar types are supported.")
            : new ColumnSpec(name, ColumnTypes.Parse(items), required, IsArray: true);
    }

    private static TensorSpec ReadTensor(JsonElement e)
    {
        var spec = e.GetProperty("tensor-spec");
        var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new TensorSpec(name, spec.GetProperty("dtype").GetString()!,
            spec.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text, StringOptions);
}
