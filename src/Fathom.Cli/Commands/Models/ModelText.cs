using Fathom.Cli.Infrastructure;
using Fathom.Client;

namespace Fathom.Cli.Commands.Models;

/// <summary>How the registry commands write versions, aliases and stages in tables, and turn "not found" into advice.</summary>
internal static class ModelText
{
    public static string LatestVersions(RegisteredModel model) =>
        string.Join(", ", model.LatestVersions.Select(v => $"{v.Version} ({v.CurrentStage})"));

    public static string Aliases(IEnumerable<RegisteredModelAlias> aliases) =>
        string.Join(", ", aliases.Select(a => $"@{a.Alias} -> {a.Version}"));

    public static async Task<RegisteredModel> ModelAsync(FathomClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetRegisteredModelAsync(name, ct);
        }
        catch (FathomResourceNotFoundException e)
        {
            throw new CliError($"Registered model '{name}' does not exist.", "See the registered models with `fathom models list`.", e);
        }
    }
}
