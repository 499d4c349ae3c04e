using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Fathom.Server.Requests;

namespace Fathom.Server.Governance;

/// <summary>
/// Reads a field of the bound request message by its wire name (<c>experiment_id</c>, <c>run_id</c>, <c>name</c>),
/// whatever the message type, so the permission table names fields instead of knowing every handler's types.
/// Getters are looked up once per type.
/// </summary>
internal static class RequestFields
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    public static object? Get(EndpointFilterInvocationContext context, string field)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IMlflowRequest request && Find(request.GetType(), field) is { } property)
            {
                return property.GetValue(request);
            }
        }

        // Artifact endpoints take their path from the route or the query string, not from a message.
        return context.HttpContext.Request.RouteValues.TryGetValue(field, out var routeValue) && routeValue is not null
            ? routeValue
            : context.HttpContext.Request.Query.TryGetValue(field, out var query) ? query.ToString() : null;
    }

    public static string? GetString(EndpointFilterInvocationContext context, string field) => Get(context, field) switch
    {
        null => null,
        string text => text,
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<string> GetList(EndpointFilterInvocationContext context, string field) => Get(context, field) switch
    {
        null => [],
        string one => [one],
        IEnumerable many => many.Cast<object?>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList(),
        var other => [Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? ""],
    };

    /// <summary>A property of any object by wire name (responses too: the id of a created experiment).</summary>
    public static object? Read(object? value, string field) =>
        value is not null && Find(value.GetType(), field) is { } property ? property.GetValue(value) : null;

    private static PropertyInfo? Find(Type type, string field) => Properties.GetOrAdd((type, field), key =>
        key.Item1.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == key.Item2));
}
