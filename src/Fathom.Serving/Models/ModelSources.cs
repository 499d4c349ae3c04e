using Fathom.Core.Errors;

namespace Fathom.Serving.Models;

/// <summary>The one place a model URI chooses where the model comes from.</summary>
internal static class ModelSources
{
    public static IModelSource For(ServingOptions options)
    {
        var uri = options.ModelUri;
        if (uri.StartsWith("models:/", StringComparison.Ordinal) || uri.StartsWith("runs:/", StringComparison.Ordinal))
            throw new FathomException(ErrorCode.FEATURE_DISABLED, $"'{uri}': registry and run URIs need the model registry, which this build does not have yet.");
        return new LocalFolderSource(uri);
    }
}
