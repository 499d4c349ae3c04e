using System.Text.Json;
using Fathom.Tracking.Governance;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Governance;

/// <summary>Appends one audit event: the caller, the server's clock, and before/after in the wire's JSON shape.</summary>
internal sealed class AuditRecorder(IAuditStore store, IOptions<JsonOptions> json, TimeProvider time)
{
    public Task AppendAsync(HttpContext context, string resourceType, string action, string resourceId, object? before, object? after, CancellationToken ct) =>
        store.AppendAsync(new NewAuditEvent(
            time.GetUtcNow().ToUnixTimeMilliseconds(), context.Caller().Username, action, resourceType, resourceId,
            Serialize(before), Serialize(after)), ct);

    private string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
}
