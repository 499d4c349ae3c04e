using System.Text.Json.Nodes;
using Fathom.Models.Signatures;

namespace Fathom.Serving.OpenApi;

/// <summary>JSON Schema (OpenAPI 3.0 dialect) for the columns of a model signature: what Pydantic gives FastAPI users.</summary>
internal static class SignatureSchemas
{
    public static JsonObject ForType(ColumnType type) => type switch
    {
        ColumnType.Boolean => new JsonObject { ["type"] = "boolean" },
        ColumnType.Integer => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        ColumnType.Long => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
        ColumnType.Float => new JsonObject { ["type"] = "number", ["format"] = "float" },
        ColumnType.Double => new JsonObject { ["type"] = "number", ["format"] = "double" },
        ColumnType.Binary => new JsonObject { ["type"] = "string", ["format"] = "byte" },
        ColumnType.Datetime => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        _ => new JsonObject { ["type"] = "string" },
    };

    public static JsonObject ForColumn(ColumnSpec column)
    {
        var item = ForType(column.Type);
        var schema = column.IsArray ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
        schema["nullable"] = !column.Required;
        return schema;
    }

    public static JsonObject ForTensor(TensorSpec tensor) => new()
    {
        ["type"] = "array",
        ["items"] = tensor.ElementType is { } type ? ForType(type) : new JsonObject(),
        ["description"] = $"{tensor.DType} tensor of shape [{string.Join(", ", tensor.Shape)}]",
    };

    /// <summary>One row: an object with one property per column (or per tensor).</summary>
    public static JsonObject Row(ModelSchema schema)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        if (schema.IsTensorBased)
        {
            foreach (var tensor in schema.Tensors) properties[tensor.Name ?? "input"] = ForTensor(tensor);
        }
        else
        {
            foreach (var column in schema.Columns)
            {
                var name = column.Name ?? "value";
                properties[name] = ForColumn(column);
                if (column.Required) required.Add(name);
            }
        }
        var row = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0) row["required"] = required;
        return row;
    }

    /// <summary>One prediction: the value itself for a one-output model, else an object per output.</summary>
    public static JsonObject Prediction(ModelSchema? outputs)
    {
        if (outputs is null) return new JsonObject { ["description"] = "The model's output for one row." };
        if (!outputs.IsTensorBased && outputs.Columns.Count == 1) return ForColumn(outputs.Columns[0]);
        return Row(outputs);
    }
}
