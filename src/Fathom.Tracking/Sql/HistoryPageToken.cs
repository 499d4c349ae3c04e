using System.Text;
using System.Text.Json;
using Fathom.Core.Errors;

namespace Fathom.Tracking.Sql;

/// <summary>
/// get-history's continuation: the last point of the previous page, (step, timestamp, value, is_nan), so the next
/// page is a seek in the metric_history primary key instead of an OFFSET that walks every earlier point again.
/// The value travels as its IEEE bits, so the seek is exact. Opaque base64 JSON to clients, like MLflow's tokens.
/// </summary>
internal readonly record struct HistoryPageToken(long Step, long Timestamp, double Value, bool IsNan)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $"{{\"after\": [{Step}, {Timestamp}, {BitConverter.DoubleToInt64Bits(Value)}, {(IsNan ? 1 : 0)}]}}"));

    public static HistoryPageToken? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(token));
            var after = document.RootElement.GetProperty("after");
            if (after.GetArrayLength() == 4)
            {
                return new HistoryPageToken(after[0].GetInt64(), after[1].GetInt64(),
                    BitConverter.Int64BitsToDouble(after[2].GetInt64()), after[3].GetInt32() != 0);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Falls through to the one error below.
        }

        throw FathomException.InvalidParameter($"Invalid page token for get-history: '{token}'");
    }
}
