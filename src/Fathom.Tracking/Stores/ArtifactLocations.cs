namespace Fathom.Tracking.Stores;

/// <summary>MLflow's artifact layout: experiments under the root by id, runs under <c>&lt;experiment&gt;/&lt;run_id&gt;/artifacts</c>.</summary>
internal static class ArtifactLocations
{
    public static string ForExperiment(string root, string experimentId) => Append(root, experimentId);

    public static string ForRun(string experimentLocation, string runId) => Append(Append(experimentLocation, runId), "artifacts");

    // Like MLflow's append_to_uri_path: "mlflow-artifacts:/" + "1" is "mlflow-artifacts:/1", "s3://b/p" + "1" is "s3://b/p/1".
    private static string Append(string uri, string segment) => uri.EndsWith('/') ? uri + segment : uri + "/" + segment;
}
