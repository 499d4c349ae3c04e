using System.Text.RegularExpressions;
using Fathom.Core.Errors;
using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Validation;

/// <summary>
/// MLflow 2.17's input rules and messages (<c>mlflow/utils/validation.py</c>), in one place. Every store method
/// calls these before touching the database, so both backends reject exactly the same inputs.
/// </summary>
public static partial class TrackingValidator
{
    public const int MaxParamsTagsPerBatch = 100;
    public const int MaxMetricsPerBatch = 1000;
    public const int MaxEntitiesPerBatch = 1000;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 5000;
    public const int MaxEntityKeyLength = 250;
    public const int MaxExperimentNameLength = 500;
    public const int MaxExperimentTagKeyLength = 250;
    public const int MaxExperimentTagValueLength = 5000;
    public const int MaxDatasetNameLength = 500;
    public const int MaxDatasetDigestLength = 36;
    public const int MaxDatasetSchemaLength = 1048575;
    public const int MaxDatasetSourceLength = 65535;
    public const int MaxDatasetProfileLength = 16777215;
    public const int MaxInputTagKeyLength = 255;
    public const int MaxInputTagValueLength = 500;

    private const string BadCharactersMessage =
        "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).";

    private const string MissingKeyNameMessage = "A key name must be provided.";

    [GeneratedRegex(@"^[/\w.\- ]*$")]
    private static partial Regex ValidKeyName();

    [GeneratedRegex(@"^[a-zA-Z0-9][\w\-]{0,255}$")]
    private static partial Regex ValidRunId();

    public static void Metric(Metric metric)
    {
        KeyName("Metric", "metric", metric.Key);
        MetricTimestamp(metric);
        LengthLimit("Metric name", MaxEntityKeyLength, metric.Key);
    }

    private static void MetricTimestamp(Metric metric)
    {
        if (metric.Timestamp < 0)
        {
            throw FathomException.InvalidParameter(
                $"Got invalid timestamp {metric.Timestamp} for metric '{metric.Key}' (value={PythonFormat.Float(metric.Value)}). " +
                "Timestamp must be a nonnegative long (64-bit integer) ");
        }
    }

    /// <summary>
    /// Every metric as <see cref="Metric(Entities.Metric)"/> checks it, in order, but each distinct key's name rules
    /// (a regex and a path normalisation) run once: a training batch repeats a few keys hundreds of times. The first
    /// failing metric is still the one reported, since a key's checks fail on its first occurrence if at all.
    /// </summary>
    private static void Metrics(IReadOnlyList<Metric> metrics)
    {
        string? previousKey = null;
        HashSet<string>? checkedKeys = null;
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            if (metric.Key is not null && (ReferenceEquals(metric.Key, previousKey) || (checkedKeys?.Contains(metric.Key) ?? false)))
            {
                MetricTimestamp(metric);
                continue;
            }

            Metric(metric);
            if (metric.Key is not null)
            {
                (checkedKeys ??= new HashSet<string>(StringComparer.Ordinal)).Add(metric.Key);
                previousKey = metric.Key;
            }
        }
    }

    public static void Param(Param param)
    {
        KeyName("Parameter", "parameter", param.Key);
        LengthLimit("Param key", MaxEntityKeyLength, param.Key);
        LengthLimit("Param value", MaxParamValueLength, param.Value);
    }

    public static void RunTag(Tag tag)
    {
        KeyName("Tag", "tag", tag.Key);
        LengthLimit("Tag key", MaxEntityKeyLength, tag.Key);
        LengthLimit("Tag value", MaxTagValueLength, tag.Value);
    }

    public static void ExperimentTag(Tag tag)
    {
        KeyName("Tag", "tag", tag.Key);
        LengthLimit("Tag key", MaxExperimentTagKeyLength, tag.Key);
        LengthLimit("Tag value", MaxExperimentTagValueLength, tag.Value);
    }

    public static void ExperimentName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw FathomException.InvalidParameter($"Invalid experiment name: '{name}'");
        }

        if (name.Length > MaxExperimentNameLength)
        {
            throw FathomException.InvalidParameter(
                $"Experiment name exceeds the maximum length of {MaxExperimentNameLength} characters");
        }
    }

    public static void RunId(string? runId)
    {
        if (runId is null || !ValidRunId().IsMatch(runId))
        {
            throw FathomException.InvalidParameter($"Invalid run ID: '{runId}'");
        }
    }

    /// <summary>The whole of MLflow's <c>log_batch</c> pre-checks, in MLflow's order: each item, then the limits.</summary>
    public static void Batch(IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<Tag> tags)
    {
        Metrics(metrics);
        foreach (var param in parameters)
        {
            Param(param);
        }

        foreach (var tag in tags)
        {
            RunTag(tag);
        }

        BatchLimit("metrics", MaxMetricsPerBatch, metrics.Count);
        BatchLimit("params", MaxParamsTagsPerBatch, parameters.Count);
        BatchLimit("tags", MaxParamsTagsPerBatch, tags.Count);
        BatchLimit("metrics, params, and tags", MaxEntitiesPerBatch, metrics.Count + parameters.Count + tags.Count);
        ParamKeysUnique(parameters);
    }

    public static void DatasetInputs(IReadOnlyList<DatasetInput> inputs)
    {
        foreach (var input in inputs)
        {
            Dataset(input.Dataset);
            foreach (var tag in input.Tags ?? [])
            {
                InputTag(tag);
            }
        }
    }

    private static void Dataset(Dataset? dataset)
    {
        if (dataset is null)
        {
            throw FathomException.InvalidParameter("Dataset cannot be None");
        }

        Required(dataset.Name, "Dataset name cannot be None");
        Required(dataset.Digest, "Dataset digest cannot be None");
        Required(dataset.SourceType, "Dataset source_type cannot be None");
        Required(dataset.Source, "Dataset source cannot be None");
        MaxLength(dataset.Name, MaxDatasetNameLength, "Dataset name");
        MaxLength(dataset.Digest, MaxDatasetDigestLength, "Dataset digest");
        MaxLength(dataset.Source, MaxDatasetSourceLength, "Dataset source");
        MaxLength(dataset.Schema, MaxDatasetSchemaLength, "Dataset schema");
        MaxLength(dataset.Profile, MaxDatasetProfileLength, "Dataset profile");
    }

    private static void InputTag(Tag? tag)
    {
        if (tag is null)
        {
            throw FathomException.InvalidParameter("InputTag cannot be None");
        }

        Required(tag.Key, "InputTag key cannot be None");
        Required(tag.Value, "InputTag value cannot be None");
        MaxLength(tag.Key, MaxInputTagKeyLength, "InputTag key");
        MaxLength(tag.Value, MaxInputTagValueLength, "InputTag value");
    }

    private static void ParamKeysUnique(IReadOnlyList<Param> parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = parameters.Where(p => !seen.Add(p.Key)).Select(p => p.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw FathomException.InvalidParameter(
                $"Duplicate parameter keys have been submitted: {PythonFormat.StringList(duplicates)}. " +
                "Please ensure the request contains only one param value per param key.");
        }
    }

    private static void BatchLimit(string entityName, int limit, int length)
    {
        if (length > limit)
        {
            throw FathomException.InvalidParameter(
                $"A batch logging request can contain at most {limit} {entityName}. Got {length} {entityName}. " +
                $"Please split up {entityName} across multiple requests and try again.");
        }
    }

    /// <summary>MLflow's <c>_validate_tag_name</c>, shared with the registry's tags.</summary>
    internal static void TagName(string? name) => KeyName("Tag", "tag", name);

    private static void KeyName(string entity, string lowerEntity, string? name)
    {
        if (name is null)
        {
            throw FathomException.InvalidParameter($"{entity} name cannot be None. {MissingKeyNameMessage}");
        }

        if (!ValidKeyName().IsMatch(name))
        {
            throw FathomException.InvalidParameter($"Invalid {lowerEntity} name: '{name}'. {BadCharactersMessage}");
        }

        var normalized = PosixPath.Normalize(name);
        if (normalized != name || normalized == "." || normalized.StartsWith("..", StringComparison.Ordinal) || normalized.StartsWith('/'))
        {
            throw FathomException.InvalidParameter(
                $"Invalid {lowerEntity} name: '{name}'. Names may be treated as files in certain cases, and must not " +
                $"resolve to other names when treated as such. This name would resolve to '{normalized}'");
        }
    }

    private static void LengthLimit(string entityName, int limit, string? value)
    {
        if (value is not null && value.Length > limit)
        {
            throw FathomException.InvalidParameter(
                $"{entityName} '{value[..250]}' had length {value.Length}, which exceeded length limit of {limit}");
        }
    }

    private static void Required(string? value, string message)
    {
        if (value is null)
        {
            throw FathomException.InvalidParameter(message);
        }
    }

    private static void MaxLength(string? value, int limit, string what)
    {
        if (value is not null && value.Length > limit)
        {
            throw FathomException.InvalidParameter($"{what} exceeds the maximum length of {limit}");
        }
    }
}
