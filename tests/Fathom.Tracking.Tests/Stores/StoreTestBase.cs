using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

/// <summary>Gives each test its own fresh database and an open store on it, and drops both afterwards.</summary>
public abstract class StoreTestBase<TTarget> : IAsyncLifetime where TTarget : IStoreTarget, new()
{
    protected static readonly TrackingStoreOptions Options = new() { DefaultArtifactRoot = "mlflow-artifacts:/" };

    protected TTarget Target { get; } = new();

    protected string Uri { get; private set; } = "";

    protected ITrackingStore Store { get; private set; } = null!;

    /// <summary>False for tests that build the database themselves (migrations) and open <see cref="Store"/> later.</summary>
    protected virtual bool OpenStoreFirst => true;

    public async Task InitializeAsync()
    {
        Uri = await Target.CreateDatabaseAsync();
        if (OpenStoreFirst)
        {
            Store = await TrackingStoreFactory.OpenAsync(Uri, Options);
        }
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        await Target.DropDatabaseAsync(Uri);
    }

    /// <summary>Sets the store a test opened itself, so it is disposed with the database.</summary>
    protected void UseStore(ITrackingStore store) => Store = store;

    protected async Task<string> NewExperimentAsync(string? name = null) =>
        await Store.CreateExperimentAsync(name ?? "exp-" + Guid.NewGuid().ToString("N")[..8], null, []);

    protected async Task<Run> NewRunAsync(string? experimentId = null, long? startTime = null, string? name = null) =>
        await Store.CreateRunAsync(new NewRun(experimentId ?? await NewExperimentAsync(), "tester", startTime, [], name));

    protected static async Task<FathomException> ThrowsFathom(ErrorCode code, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<FathomException>(action);
        Assert.Equal(code, error.Code);
        return error;
    }
}
