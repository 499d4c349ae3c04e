using Fathom.Tracking.Entities;

namespace Fathom.Server.Wire;

/// <summary>
/// Maps between the domain entities and their wire shapes, with MLflow's presence rules (entities' to_proto):
/// empty lists are omitted, a run always carries <c>data</c> and <c>inputs</c> (possibly <c>{}</c>), and a run's
/// info carries both <c>run_id</c> and the legacy <c>run_uuid</c>.
/// </summary>
internal static class WireMapper
{
    public static ExperimentDto ToWire(this Experiment e) => new()
    {
        ExperimentId = e.ExperimentId,
        Name = e.Name,
        ArtifactLocation = e.ArtifactLocation,
        LifecycleStage = e.LifecycleStage,
        LastUpdateTime = e.LastUpdateTime == 0 ? null : e.LastUpdateTime,
        CreationTime = e.CreationTime == 0 ? null : e.CreationTime,
        Tags = ToWire(e.Tags),
    };

    public static RunDto ToWire(this Run run) => new()
    {
        Info = run.Info.ToWire(),
        Data = new RunDataDto
        {
            Metrics = NullIfEmpty(run.Data.Metrics, m => m.ToWire()),
            Params = NullIfEmpty(run.Data.Params, p => new KeyValueDto { Key = p.Key, Value = p.Value }),
            Tags = ToWire(run.Data.Tags),
        },
        Inputs = new RunInputsDto { DatasetInputs = NullIfEmpty(run.Inputs.DatasetInputs, ToWire) },
    };

    public static RunInfoDto ToWire(this RunInfo info) => new()
    {
        RunUuid = info.RunId,
        ExperimentId = info.ExperimentId,
        RunName = info.RunName,
        UserId = info.UserId,
        Status = info.Status,
        StartTime = info.StartTime,
        EndTime = info.EndTime is null or 0 ? null : info.EndTime,
        ArtifactUri = string.IsNullOrEmpty(info.ArtifactUri) ? null : info.ArtifactUri,
        LifecycleStage = info.LifecycleStage,
        RunId = info.RunId,
    };

    public static MetricDto ToWire(this Metric m) => new() { Key = m.Key, Value = m.Value, Timestamp = m.Timestamp, Step = m.Step };

    public static MetricWithRunIdDto ToWire(this MetricWithRunId m) =>
        new() { Key = m.Key, Value = m.Value, Timestamp = m.Timestamp, Step = m.Step, RunId = m.RunId };

    public static List<KeyValueDto>? ToWire(IReadOnlyList<Tag> tags) =>
        NullIfEmpty(tags, t => new KeyValueDto { Key = t.Key, Value = t.Value });

    public static List<TOut>? NullIfEmpty<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> map)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var result = new List<TOut>(items.Count);
        foreach (var item in items)
        {
            result.Add(map(item));
        }

        return result;
    }

    // Wire to domain. Absent optional strings become "" as protobuf's defaults do.

    public static IReadOnlyList<Tag> ToTags(List<KeyValueDto>? items) =>
        items is null ? [] : items.ConvertAll(t => new Tag(t.Key!, t.Value ?? ""));

    public static IReadOnlyList<Param> ToParams(List<KeyValueDto>? items) =>
        items is null ? [] : items.ConvertAll(p => new Param(p.Key!, p.Value ?? ""));

    public static IReadOnlyList<Metric> ToMetrics(List<MetricDto>? items) =>
        items is null ? [] : items.ConvertAll(m => new Metric(m.Key!, m.Value!.Value, m.Timestamp!.Value, m.Step ?? 0));

    public static IReadOnlyList<DatasetInput> ToDatasetInputs(List<DatasetInputDto>? items) =>
        items is null ? [] : items.ConvertAll(FromWire);

    private static DatasetInputDto ToWire(DatasetInput input) => new()
    {
        Tags = ToWire(input.Tags),
        Dataset = new DatasetDto
        {
            Name = input.Dataset.Name,
            Digest = input.Dataset.Digest,
            SourceType = input.Dataset.SourceType,
            Source = input.Dataset.Source,
            Schema = input.Dataset.Schema,
            Profile = input.Dataset.Profile,
        },
    };

    private static DatasetInput FromWire(DatasetInputDto input)
    {
        var d = input.Dataset!;
        return new DatasetInput(ToTags(input.Tags), new Dataset(d.Name!, d.Digest!, d.SourceType!, d.Source!, d.Schema, d.Profile));
    }
}
