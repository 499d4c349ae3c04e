namespace Fathom.Tracking.Entities;

public static class LifecycleStage
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}

/// <summary>Which lifecycle stages a search returns; wire names as in MLflow.</summary>
public enum ViewType
{
    ACTIVE_ONLY = 1,
    DELETED_ONLY = 2,
    ALL = 3,
}

/// <summary>One page of results and the opaque token for the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
