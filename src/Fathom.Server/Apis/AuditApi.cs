using System.Text.Json;
using Fathom.Server.Wire;
using Fathom.Tracking.Governance;

namespace Fathom.Server.Apis;

/// <summary>
/// <c>GET {prefix}/fathom/audit/search</c>: the audit trail, newest first, filtered by resource, user and time (Unix ms).
/// Read-only: no endpoint changes or deletes an event.
/// </summary>
internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/fathom/audit/search", SearchAudit).WithTags("Audit");
        return api;
    }

    public static async Task<AuditSearchResponse> SearchAudit(AuditSearchRequest request, IAuditStore audit, CancellationToken ct)
    {
        var query = new AuditQuery(Empty(request.ResourceType), Empty(request.ResourceId), Empty(request.Username),
            request.Since, request.Until, request.MaxResults ?? 100, Empty(request.PageToken));
        var page = await audit.SearchAuditEventsAsync(query, ct);
        return new AuditSearchResponse
        {
            Events = page.Items.Select(e => new AuditEventDto
            {
                Id = e.Id,
                Timestamp = e.Timestamp,
                Username = e.Username,
                Action = e.Action,
                ResourceType = e.ResourceType,
                ResourceId = e.ResourceId,
                Before = Parse(e.Before),
                After = Parse(e.After),
            }).ToList(),
            NextPageToken = page.NextPageToken,
        };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
