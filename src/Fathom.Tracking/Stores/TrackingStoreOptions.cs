namespace Fathom.Tracking.Stores;

/// <summary>How a tracking store is opened; see <see cref="TrackingStoreFactory"/>.</summary>
public sealed record TrackingStoreOptions
{
    /// <summary>
    /// Root under which experiments get their artifact location (<c>&lt;root&gt;/&lt;experiment_id&gt;</c>) when none is
    /// given. The default is MLflow's proxied-artifacts root, so runs get <c>mlflow-artifacts:/&lt;exp&gt;/&lt;run&gt;/artifacts</c>.
    /// </summary>
    public string DefaultArtifactRoot { get; init; } = "mlflow-artifacts:/";

    /// <summary>Turns search filters and order_by clauses into SQL; MLflow's grammar (<c>MlflowSearchTranslator</c>) when null.</summary>
    public ISearchTranslator? SearchTranslator { get; init; }

    /// <summary>Current time in tests; the system clock otherwise.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
