using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tapback.AgentLink.Webhooks;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// The schema generator names properties by the app's shared JSON options (camelCase); the REST and
/// webhook APIs' own contract is snake_case, so a type their wire contexts write is described by the
/// names those contexts give it, which are what goes over the wire.
/// </summary>
internal static class SnakeCaseSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Properties is not { Count: > 0 } properties || WireTypeInfo(type) is not { } wire)
        {
            return Task.CompletedTask;
        }

        var wireNames = wire.Properties
            .Where(property => property.AttributeProvider is MemberInfo)
            .ToDictionary(property => ((MemberInfo)property.AttributeProvider!).Name, property => property.Name, StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is MemberInfo member
                && wireNames.TryGetValue(member.Name, out var wireName)
                && wireName != property.Name
                && properties.Remove(property.Name, out var propertySchema))
            {
                properties[wireName] = propertySchema;
                if (schema.Required?.Remove(property.Name) == true)
                {
                    schema.Required.Add(wireName);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static JsonTypeInfo? WireTypeInfo(Type type) =>
        RestJsonContext.Wire.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } rest ? rest
        : WebhooksJsonContext.Wire.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } webhooks ? webhooks
        : null;
}
