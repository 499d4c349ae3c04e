using System.Text.Json.Nodes;
using Fathom.Core.Tables;
using Fathom.Serving.Models;

namespace Fathom.Serving.OpenApi;

/// <summary>
/// The server's OpenAPI 3.0 document, built from the served version's signature so request and response schemas
/// name the model's real columns and types, with the input example as the request example.
/// </summary>
internal static class OpenApiDocument
{
    public static JsonObject Build(ServedModel served)
    {
        var signature = served.Model.Signature;
        var names = new JsonArray(served.InputNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        var rowRef = Ref("InputRow");
        var schemas = new JsonObject
        {
            ["InputRow"] = SignatureSchemas.Row(signature.Inputs),
            ["DataframeSplit"] = Wrapper("dataframe_split", new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("data"),
                ["properties"] = new JsonObject
                {
                    ["columns"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = names } },
                    ["data"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject() } },
                    ["index"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject() },
                },
            }),
            ["DataframeRecords"] = Wrapper("dataframe_records", new JsonObject { ["type"] = "array", ["items"] = rowRef.DeepClone() }),
            ["Instances"] = Wrapper("instances", new JsonObject { ["type"] = "array", ["items"] = rowRef.DeepClone() }),
            ["Inputs"] = Wrapper("inputs", new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Column name to a list of values.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject() },
            }),
            ["Prediction"] = SignatureSchemas.Prediction(signature.Outputs),
            ["Predictions"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["predictions"] = new JsonObject { ["type"] = "array", ["items"] = Ref("Prediction") } },
            },
            ["Error"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["error_code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("BAD_REQUEST", "INVALID_PARAMETER_VALUE", "TEMPORARILY_UNAVAILABLE") },
                    ["message"] = new JsonObject { ["type"] = "string" },
                },
            },
        };
        var jsonBody = new JsonObject
        {
            ["schema"] = new JsonObject
            {
                ["oneOf"] = new JsonArray(Ref("DataframeSplit"), Ref("DataframeRecords"), Ref("Instances"), Ref("Inputs")),
            },
        };
        if (served.InputExample is { } example) jsonBody["example"] = ExampleRequest(example);

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = $"{served.Name} (Fathom model server)",
                ["version"] = served.Version,
                ["description"] = $"Model '{served.Name}' version {served.Version} ({served.Flavor}). Schemas come from the model signature.",
            },
            ["paths"] = new JsonObject
            {
                ["/invocations"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Score rows (MLflow scoring protocol)",
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = new JsonObject
                            {
                                ["application/json"] = jsonBody,
                                ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                            },
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("Predictions, one per row", Ref("Predictions")),
                            ["400"] = Response("The payload cannot be read or does not match the signature", Ref("Error")),
                            ["415"] = new JsonObject { ["description"] = "Content type other than application/json or text/csv" },
                            ["503"] = Response("The model is still loading", Ref("Error")),
                        },
                    },
                },
                ["/v2/models/{name}/infer"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Score rows (Open Inference Protocol v2)",
                        ["parameters"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "name", ["in"] = "path", ["required"] = true,
                            ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(served.Name) },
                        }),
                        ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } },
                        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "Output tensors" } },
                    },
                },
                ["/ping"] = Get("Liveness and readiness: 200 once the model is loaded"),
                ["/health"] = Get("Same as /ping"),
                ["/version"] = Get("The model version answering, its flavor and signature"),
                ["/metrics"] = Get("Prometheus metrics"),
                ["/v2/health/live"] = Get("Open Inference Protocol liveness"),
                ["/v2/health/ready"] = Get("Open Inference Protocol readiness"),
                ["/v2/models/{name}"] = Get("Open Inference Protocol model metadata"),
            },
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>The input example as the dataframe_split request a client would send.</summary>
    internal static JsonObject ExampleRequest(DataTable example)
    {
        var rows = new JsonArray();
        for (var row = 0; row < example.RowCount; row++)
        {
            var values = new JsonArray();
            foreach (var column in example.Columns)
            {
                values.Add(column switch
                {
                    _ when column.IsMissing(row) => null,
                    NumericColumn numeric => JsonValue.Create(numeric.Values[row]),
                    _ => JsonValue.Create(column.Format(row)),
                });
            }
            rows.Add(values);
        }
        var columns = new JsonArray(example.ColumnNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        return new JsonObject { ["dataframe_split"] = new JsonObject { ["columns"] = columns, ["data"] = rows } };
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Wrapper(string key, JsonObject value) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray(key),
        ["properties"] = new JsonObject { [key] = value, ["params"] = new JsonObject { ["type"] = "object", ["description"] = "Inference parameters" } },
    };

    private static JsonObject Response(string description, JsonObject schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
    };

    private static JsonObject Get(string summary) => new()
    {
        ["get"] = new JsonObject { ["summary"] = summary, ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } } },
    };
}
