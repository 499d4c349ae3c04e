using Fathom.Models;
using Fathom.Models.Packaging;
using Fathom.Serving.Models;

namespace Fathom.Serving.Batch;

/// <summary>
/// Loads the model a URI names for batch scoring (the same resolution as the server's), one thread per prediction:
/// <see cref="BatchPredictor"/> scores one chunk per core instead, which keeps every core busy without thread-pool hand-offs.
/// </summary>
public static class BatchModel
{
    public static async Task<IModel> LoadAsync(string modelUri, string? trackingUri, CancellationToken ct = default)
    {
        var resolved = await ModelSources.For(new ServingOptions { ModelUri = modelUri, TrackingUri = trackingUri }).ResolveAsync(ct);
        return ModelLoader.Load(resolved.Folder, new ModelLoadOptions { IntraOpThreads = 1 });
    }
}
