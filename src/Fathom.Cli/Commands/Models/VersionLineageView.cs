using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;

namespace Fathom.Cli.Commands.Models;

/// <summary><c>fathom models show NAME --version V</c>: one version and where it came from.</summary>
internal static class VersionLineageView
{
    public static async Task<int> ShowAsync(IAnsiConsole console, FathomClient client, string name, string version, bool json, CancellationToken ct)
    {
        ModelVersionLineage lineage;
        try
        {
            lineage = await client.GetModelVersionLineageAsync(name, version, ct);
        }
        catch (FathomResourceNotFoundException e)
        {
            throw new CliError($"Model '{name}' has no version '{version}'.", $"See its versions with `fathom models versions {name}`.", e);
        }
        if (json)
        {
            Output.Json(console, new
            {
                model_version = lineage.Version,
                lineage = new
                {
                    run_id = lineage.RunId,
                    artifact_path = lineage.ArtifactPath,
                    run_found = lineage.Run is not null,
                    dataset_inputs = lineage.DatasetInputs,
                    @params = lineage.Params,
                    metrics = lineage.Metrics,
                },
            });
            return ExitCodes.Success;
        }

        var v = lineage.Version;
        var summary = new Grid().AddColumn().AddColumn();
        foreach (var (label, value) in new[]
        {
            ("Model", v.Name), ("Version", v.Version), ("Stage", v.CurrentStage), ("Aliases", string.Join(", ", v.Aliases.Select(a => "@" + a))),
            ("Description", v.Description), ("Created", Output.Time(v.CreationTimestamp)), ("Source", v.Source),
            ("Run", lineage.RunId is null ? "(none)" : lineage.Run is null ? lineage.RunId + " (not found)" : lineage.RunId),
            ("Artifact path", lineage.ArtifactPath),
        })
        {
            summary.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value ?? ""));
        }
        console.Write(summary);

        var inputs = Output.Table("Dataset", "Digest", "Source type", "Source", "Context");
        foreach (var input in lineage.DatasetInputs)
            inputs.Row(input.Dataset.Name, input.Dataset.Digest, input.Dataset.SourceType, input.Dataset.Source,
                input.Tags.FirstOrDefault(t => t.Key == "mlflow.data.context")?.Value);
        var parameters = Output.Table("Param", "Value");
        foreach (var p in lineage.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            parameters.Row(p.Key, p.Value);
        var metrics = Output.Table("Metric", "Latest value");
        foreach (var m in lineage.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            metrics.Row(m.Key, Output.Number(m.Value));
        console.Write(inputs);
        console.Write(parameters);
        console.Write(metrics);
        return ExitCodes.Success;
    }
}
