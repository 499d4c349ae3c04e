using System.Buffers;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fathom.Server.Requests;

/// <summary>
/// Turns a GET query string into the JSON of a request message, as MLflow does before parsing its protobuf:
/// repeated fields take every value of a repeated parameter, other fields take the first value. Values stay JSON
/// strings; the serializer reads numbers and enums from strings, as protobuf's JSON parser does.
/// </summary>
internal static class QueryStringJson
{
    public static byte[] Build(IQueryCollection query, JsonTypeInfo typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in typeInfo.Properties)
            {
                if (!query.TryGetValue(property.Name, out var values))
                {
                    continue;
                }

                if (IsList(property.PropertyType))
                {
                    writer.WriteStartArray(property.Name);
                    foreach (var value in values)
                    {
                        writer.WriteStringValue(value);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteString(property.Name, values[0]);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
