using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fathom.Client.Http;

/// <summary>MLflow's JSON conventions: snake_case names, enums by upper-case name, NaN/Infinity as strings.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // MLflow writes int64 as numbers, protobuf's JSON as strings; NaN metric values arrive as "NaN".
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };
}
