using Fathom.Server.Wire;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Apis;

/// <summary>MLflow's experiment endpoints: <c>{prefix}/mlflow/experiments/*</c>.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder api)
    {
        var experiments = api.MapGroup("/mlflow/experiments").WithTags("Experiments");
        experiments.MapPost("/create", CreateExperiment);
        experiments.MapGet("/get", GetExperiment);
        experiments.MapGet("/get-by-name", GetExperimentByName);
        experiments.MapMethods("/search", [HttpMethods.Get, HttpMethods.Post], SearchExperiments);
        experiments.MapPost("/update", UpdateExperiment);
        experiments.MapPost("/delete", DeleteExperiment);
        experiments.MapPost("/restore", RestoreExperiment);
        experiments.MapPost("/set-experiment-tag", SetExperimentTag);
        experiments.MapPost("/delete-experiment-tag", DeleteExperimentTag);
        return experiments;
    }

    public static async Task<CreateExperimentResponse> CreateExperiment(CreateExperimentRequest request, ITrackingStore store, CancellationToken ct)
    {
        var artifactLocation = string.IsNullOrEmpty(request.ArtifactLocation) ? null : request.ArtifactLocation;
        var id = await store.CreateExperimentAsync(request.Name!, artifactLocation, WireMapper.ToTags(request.Tags), ct);
        return new CreateExperimentResponse { ExperimentId = id };
    }

    public static async Task<ExperimentResponse> GetExperiment(GetExperimentRequest request, ITrackingStore store, CancellationToken ct) =>
        new() { Experiment = (await store.GetExperimentAsync(request.ExperimentId!, ct)).ToWire() };

    public static async Task<ExperimentResponse> GetExperimentByName(GetExperimentByNameRequest request, ITrackingStore store, CancellationToken ct) =>
        new() { Experiment = (await store.GetExperimentByNameAsync(request.ExperimentName!, ct)).ToWire() };

    public static async Task<SearchExperimentsResponse> SearchExperiments(SearchExperimentsRequest request, ITrackingStore store, CancellationToken ct)
    {
        var defaults = new ExperimentSearch();
        var search = new ExperimentSearch(
            ViewType: request.ViewType ?? defaults.ViewType,
            // Out-of-range values are passed on (saturated) so that the store reports them with its own message.
            MaxResults: request.MaxResults is { } max ? (int)Math.Clamp(max, int.MinValue, int.MaxValue) : defaults.MaxResults,
            Filter: string.IsNullOrEmpty(request.Filter) ? null : request.Filter,
            OrderBy: request.OrderBy,
            PageToken: string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken);
        var page = await store.SearchExperimentsAsync(search, ct);
        return new SearchExperimentsResponse
        {
            Experiments = WireMapper.NullIfEmpty(page.Items, e => e.ToWire()),
            NextPageToken = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken,
        };
    }

    public static async Task<EmptyResponse> UpdateExperiment(UpdateExperimentRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.RenameExperimentAsync(request.ExperimentId!, request.NewName!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteExperiment(ExperimentIdRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.DeleteExperimentAsync(request.ExperimentId!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> RestoreExperiment(ExperimentIdRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.RestoreExperimentAsync(request.ExperimentId!, ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> SetExperimentTag(SetExperimentTagRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.SetExperimentTagAsync(request.ExperimentId!, new(request.Key!, request.Value ?? ""), ct);
        return EmptyResponse.Instance;
    }

    public static async Task<EmptyResponse> DeleteExperimentTag(DeleteExperimentTagRequest request, ITrackingStore store, CancellationToken ct)
    {
        await store.DeleteExperimentTagAsync(request.ExperimentId!, request.Key!, ct);
        return EmptyResponse.Instance;
    }
}
