using System.Text.Json;

namespace Fathom.Server.Wire;

/// <summary>
/// Reads the common shape of a log-batch body (<c>run_id</c> and <c>metrics</c> of plain numbers and unescaped keys,
/// as training clients send it) with one pass of <see cref="Utf8JsonReader"/>, without System.Text.Json's
/// converters, which were a fifth of a 1000-metric request's CPU. Anything else (params, tags, numbers as strings,
/// "NaN", nulls, escapes, unknown or repeated fields, bad JSON) makes it give up, and the request is read again by the
/// general reader, so every error and every unusual input is handled exactly as before.
/// </summary>
internal static class LogBatchFastReader
{
    private const int MaxInternedKeys = 16;

    public static LogBatchRequest? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            return Read(json);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static LogBatchRequest? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? runId = null;
        List<MetricDto>? metrics = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }

            if (reader.ValueTextEquals("run_id"u8) && runId is null)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return null;
                }

                // GetString validates the UTF-8 (throwing on bad bytes, as the general reader does).
                runId = reader.GetString();
            }
            else if (reader.ValueTextEquals("metrics"u8) && metrics is null)
            {
                metrics = ReadMetrics(ref reader);
                if (metrics is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        // The object must close, and nothing but whitespace may follow it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return new LogBatchRequest { RunId = runId, Metrics = metrics };
    }

    private static List<MetricDto>? ReadMetrics(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var metrics = new List<MetricDto>();
        var keys = new List<(byte[] Utf8, string Text)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var metric = new MetricDto();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped || !ReadField(ref reader, metric, keys))
                {
                    return null;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return null;
            }

            metrics.Add(metric);
        }

        return reader.TokenType == JsonTokenType.EndArray ? metrics : null;
    }

    private static bool ReadField(ref Utf8JsonReader reader, MetricDto metric, List<(byte[] Utf8, string Text)> keys)
    {
        if (reader.ValueTextEquals("key"u8) && metric.Key is null)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                return false;
            }

            metric.Key = Key(ref reader, keys);
            return true;
        }

        if (reader.ValueTextEquals("value"u8) && metric.Value is null)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value))
            {
                return false;
            }

            metric.Value = value;
            return true;
        }

        if (reader.ValueTextEquals("timestamp"u8) && metric.Timestamp is null)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var timestamp))
            {
                return false;
            }

            metric.Timestamp = timestamp;
            return true;
        }

        if (reader.ValueTextEquals("step"u8) && metric.Step is null)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var step))
            {
                return false;
            }

            metric.Step = step;
            return true;
        }

        return false;
    }

    /// <summary>
    /// One string per distinct key of the batch (a training batch repeats a few keys hundreds of times): fewer
    /// allocations, and the store's key checks see the same instance again.
    /// </summary>
    private static string Key(ref Utf8JsonReader reader, List<(byte[] Utf8, string Text)> keys)
    {
        var utf8 = reader.ValueSpan;
        foreach (var (bytes, text) in keys)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return text;
            }
        }

        var key = reader.GetString()!;
        if (keys.Count < MaxInternedKeys)
        {
            keys.Add((utf8.ToArray(), key));
        }

        return key;
    }
}
