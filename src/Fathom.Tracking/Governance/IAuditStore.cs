using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Governance;

/// <summary>
/// The audit trail: append-only. There is no update or delete, so nothing above the store can rewrite history.
/// Implemented by the SQL tracking store (same database, same migrations).
/// </summary>
public interface IAuditStore
{
    Task AppendAsync(NewAuditEvent auditEvent, CancellationToken ct = default);

    /// <summary>Matching events, newest first, in pages of at most <see cref="AuditQuery.MaxResults"/>.</summary>
    Task<Page<AuditEvent>> SearchAuditEventsAsync(AuditQuery query, CancellationToken ct = default);
}
