using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// The schema generator names properties by the app's shared JSON options (camelCase); the REST API's
/// own contract is snake_case, so its schemas are renamed to what goes over the wire.
/// </summary>
internal static class SnakeCaseSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var model = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (model.Namespace != typeof(RestEndpoints).Namespace || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        foreach (var name in properties.Keys.ToList())
        {
            var wire = JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
            if (wire != name)
            {
                properties[wire] = properties[name];
                properties.Remove(name);
                if (schema.Required?.Remove(name) == true)
                {
                    schema.Required.Add(wire);
                }
            }
        }

        return Task.CompletedTask;
    }
}
