using Fathom.Server.Requests;
using Fathom.Tracking.Entities;

namespace Fathom.Server.Wire;

/// <summary>Required-field checks shared by several request messages, with MLflow's parameter paths.</summary>
internal static class WireValidation
{
    /// <summary>MLflow's handler refuses runs/search with max_results above this (handlers.py).</summary>
    public const int MaxSearchRunsResults = 50000;

    public static string RequireRunId(string? runId, string? runUuid) =>
        RequestErrors.Required(string.IsNullOrEmpty(runId) ? runUuid : runId, "run_id");

    public static void RequireKeys(List<KeyValueDto>? items, string field)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null || string.IsNullOrEmpty(items[i].Key))
            {
                throw RequestErrors.Missing($"{field}[{i}].key");
            }
        }
    }

    public static void RequireMetricFields(List<MetricDto>? metrics)
    {
        if (metrics is null)
        {
            return;
        }

        for (var i = 0; i < metrics.Count; i++)
        {
            // The field names are formatted only for an error: a batch has up to 1000 metrics.
            var metric = metrics[i] ?? throw RequestErrors.Missing($"metrics[{i}].key");
            if (string.IsNullOrEmpty(metric.Key))
            {
                throw RequestErrors.Missing($"metrics[{i}].key");
            }

            if (metric.Value is null)
            {
                throw RequestErrors.Missing($"metrics[{i}].value");
            }

            if (metric.Timestamp is null)
            {
                throw RequestErrors.Missing($"metrics[{i}].timestamp");
            }
        }
    }

    public static void RequireDatasetFields(List<DatasetInputDto>? inputs)
    {
        if (inputs is null)
        {
            return;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var dataset = inputs[i]?.Dataset ?? throw RequestErrors.Missing($"datasets[{i}].dataset");
            RequestErrors.Required(dataset.Name, $"datasets[{i}].dataset.name");
            RequestErrors.Required(dataset.Digest, $"datasets[{i}].dataset.digest");
            RequestErrors.Required(dataset.SourceType, $"datasets[{i}].dataset.source_type");
            RequestErrors.Required(dataset.Source, $"datasets[{i}].dataset.source");
            RequireKeys(inputs[i].Tags, $"datasets[{i}].tags");
        }
    }

    public static void RequireDefined<TEnum>(TEnum? value, string field) where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            throw RequestErrors.Invalid(field, $"{Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }
    }
}
