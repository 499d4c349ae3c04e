using Fathom.Models;
using Fathom.Models.Packaging;
using Fathom.Serving.Models;

namespace Fathom.Serving.Batch;

/// <summary>Loads the model a URI names for batch scoring (the same resolution as the server's).</summary>
public static class BatchModel
{
    public static async Task<IModel> LoadAsync(string modelUri, string? trackingUri, CancellationToken ct = default)
    {
        var resolved = await ModelSources.For(new ServingOptions { ModelUri = modelUri, TrackingUri = trackingUri }).ResolveAsync(ct);
        return ModelLoader.Load(resolved.Folder);
    }
}
