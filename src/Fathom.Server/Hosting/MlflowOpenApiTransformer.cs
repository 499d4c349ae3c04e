using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Fathom.Server.Requests;
using Fathom.Server.Wire;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fathom.Server.Hosting;

/// <summary>
/// Request messages bind themselves (BindAsync), so the OpenAPI generator cannot see them: this describes each one as
/// the JSON body of a POST, or as query parameters of a GET, from the same JSON metadata the server parses with.
/// </summary>
internal sealed class MlflowOpenApiTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // Minimal APIs keep the handler's MethodInfo in the endpoint metadata.
        var requestType = context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>()
            .SelectMany(m => m.GetParameters())
            .Select(p => p.ParameterType)
            .FirstOrDefault(typeof(IMlflowRequest).IsAssignableFrom);
        if (requestType is null)
        {
            return;
        }

        operation.Parameters?.Clear();
        if (context.Description.HttpMethod == HttpMethods.Get)
        {
            operation.Parameters ??= [];
            foreach (var property in (MlflowJsonContext.Wire.GetTypeInfo(requestType) ?? GovernanceJsonContext.Wire.GetTypeInfo(requestType))!.Properties)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = property.Name,
                    In = ParameterLocation.Query,
                    Schema = await context.GetOrCreateSchemaAsync(QueryType(property), null, cancellationToken),
                });
            }

            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(requestType, null, cancellationToken) },
            },
        };
    }

    private static Type QueryType(JsonPropertyInfo property) =>
        property.PropertyType == typeof(List<string>) ? typeof(string[]) : property.PropertyType;
}
