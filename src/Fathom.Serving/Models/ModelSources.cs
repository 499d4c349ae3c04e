using Fathom.Client;

namespace Fathom.Serving.Models;

/// <summary>The one place a model URI chooses where the model comes from.</summary>
internal static class ModelSources
{
    public static IModelSource For(ServingOptions options)
    {
        var uri = options.ModelUri;
        if (!uri.StartsWith("models:/", StringComparison.Ordinal) && !uri.StartsWith("runs:/", StringComparison.Ordinal))
            return new LocalFolderSource(uri);

        var client = options.TrackingUri is { Length: > 0 } tracking ? new FathomClient(tracking) : new FathomClient();
        return new RegistrySource(uri, client, options.ModelCacheDirectory);
    }
}
