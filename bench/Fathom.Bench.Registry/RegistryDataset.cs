using System.Globalization;
using Fathom.Client;

namespace Fathom.Bench.Registry;

/// <summary>
/// The registry the benchmark queries, created over HTTP as users would: <c>models</c> registered models named
/// <c>model-0000</c>..., each with <c>versions</c> versions from one run per model, alias <c>champion</c> on the
/// newest version, the newest in Production and the one before in Staging.
/// </summary>
internal static class RegistryDataset
{
    public static string ModelName(int model) => "model-" + model.ToString("D4", CultureInfo.InvariantCulture);

    public static string RunId(int model) => model.ToString("x32", CultureInfo.InvariantCulture);

    public static async Task FillAsync(FathomClient client, int models, int versions, int parallelism)
    {
        await Parallel.ForAsync(0, models, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (model, ct) =>
        {
            var name = ModelName(model);
            await client.CreateRegisteredModelAsync(name, [new RunTag("team", model % 2 == 0 ? "growth" : "risk")], ct: ct);
            for (var v = 1; v <= versions; v++)
                await client.CreateModelVersionAsync(name, $"s3://models/{name}/{v}", RunId(model), [new RunTag("validated", v % 2 == 0 ? "yes" : "no")], ct: ct);
            var newest = versions.ToString(CultureInfo.InvariantCulture);
            await client.SetRegisteredModelAliasAsync(name, "champion", newest, ct);
            await client.TransitionModelVersionStageAsync(name, newest, "Production", ct: ct);
            if (versions > 1)
                await client.TransitionModelVersionStageAsync(name, (versions - 1).ToString(CultureInfo.InvariantCulture), "Staging", ct: ct);
        });
    }
}
