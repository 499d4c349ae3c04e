using System.Text;
using Fathom.Core.Errors;
using Fathom.Tracking.Governance;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>The audit trail: one insert per event, read newest first by resource, user and time.</summary>
internal sealed partial class SqlTrackingStore : IAuditStore
{
    private const string AuditColumns = "id, timestamp, username, action, resource_type, resource_id, before_json, after_json";

    public Task AppendAsync(NewAuditEvent e, CancellationToken ct = default) =>
        Write(session => session.ExecuteAsync(
            "INSERT INTO audit_events (timestamp, username, action, resource_type, resource_id, before_json, after_json) " +
            "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)",
            e.Timestamp, e.Username, e.Action, e.ResourceType, e.ResourceId, e.Before, e.After), ct);

    public Task<Page<AuditEvent>> SearchAuditEventsAsync(AuditQuery query, CancellationToken ct = default)
    {
        if (query.MaxResults is < 1 or > AuditQuery.MaxPageSize)
        {
            throw FathomException.InvalidParameter(
                $"Invalid value {query.MaxResults} for parameter 'max_results': it must be between 1 and {AuditQuery.MaxPageSize}.");
        }

        var offset = PageToken.ParseOffset(query.PageToken);
        var where = new StringBuilder("WHERE 1 = 1");
        var args = new List<object?>();
        void Filter(string column, string op, object? value)
        {
            if (value is not null)
            {
                where.Append($" AND {column} {op} @p{args.Count}");
                args.Add(value);
            }
        }

        Filter("resource_type", "=", query.ResourceType);
        Filter("resource_id", "=", query.ResourceId);
        Filter("username", "=", query.Username);
        Filter("timestamp", ">=", query.Since);
        Filter("timestamp", "<=", query.Until);
        var sql = $"SELECT {AuditColumns} FROM audit_events {where} ORDER BY id DESC LIMIT {query.MaxResults + 1} OFFSET {offset}";
        return Read(async session =>
        {
            var (items, next) = await PageAsync(session, sql, r => new AuditEvent(
                Rows.Long(r, 0), Rows.Long(r, 1), Rows.String(r, 2), r.GetString(3), r.GetString(4), r.GetString(5),
                Rows.String(r, 6), Rows.String(r, 7)), new Dictionary<string, object?>(), query.MaxResults, offset, args.ToArray()).ConfigureAwait(false);
            return new Page<AuditEvent>(items, next);
        }, ct);
    }
}
