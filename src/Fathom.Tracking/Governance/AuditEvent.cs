namespace Fathom.Tracking.Governance;

/// <summary>
/// One recorded change: who (null when authentication is off), when (Unix ms), what action on which resource, and the
/// resource's JSON before and after (null when it did not exist). Never holds passwords, hashes or tokens.
/// </summary>
public sealed record AuditEvent(
    long Id, long Timestamp, string? Username, string Action, string ResourceType, string ResourceId, string? Before, string? After);

/// <summary>An event to append; the store assigns the id.</summary>
public sealed record NewAuditEvent(
    long Timestamp, string? Username, string Action, string ResourceType, string ResourceId, string? Before, string? After);

/// <summary>What to read from the audit trail, newest first. Every filter is optional; times are Unix ms, inclusive.</summary>
public sealed record AuditQuery(
    string? ResourceType = null,
    string? ResourceId = null,
    string? Username = null,
    long? Since = null,
    long? Until = null,
    int MaxResults = 100,
    string? PageToken = null)
{
    public const int MaxPageSize = 1000;
}
