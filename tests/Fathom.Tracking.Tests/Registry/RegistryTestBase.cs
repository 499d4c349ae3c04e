using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Registry;

/// <summary>A fresh database per test, seen through its model registry half.</summary>
public abstract class RegistryTestBase<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    protected IModelRegistryStore Registry => Store.Registry();

    protected Task<RegisteredModel> NewModelAsync(string name) => Registry.CreateRegisteredModelAsync(name, [], null);

    protected Task<ModelVersion> NewVersionAsync(string name, string? runId = null, string source = "mlflow-artifacts:/0/r/artifacts/model") =>
        Registry.CreateModelVersionAsync(new NewModelVersion(name, source, runId));
}
