using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Tapback.Hosting.OpenApi;

/// <summary>
/// Adds to the document the endpoints the generator does not see: those mapped with a plain request
/// delegate (the MCP SDK's <c>/mcp</c>, the health checks), which carry no handler method to describe.
/// Each is described from the same metadata a handler's is (<c>WithSummary</c>, <c>WithTags</c>,
/// <c>Accepts</c>, <c>Produces</c>, <c>ProducesProblem</c>), so every mapped route is in one document.
/// </summary>
internal sealed class DelegateEndpointOperations(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<System.Reflection.MethodInfo>() is not null
                || metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                || metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods)
            {
                continue;
            }

            var path = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
            {
                pathItem = new OpenApiPathItem();
                document.Paths[path] = pathItem;
            }

            foreach (var method in methods.HttpMethods)
            {
                pathItem.AddOperation(new HttpMethod(method), await OperationAsync(document, endpoint, context, cancellationToken));
            }
        }
    }

    private static async Task<OpenApiOperation> OperationAsync(
        OpenApiDocument document, RouteEndpoint endpoint, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = endpoint.Metadata;
        var operation = new OpenApiOperation
        {
            Summary = metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary,
            Description = metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description,
            Responses = [],
        };
        if (metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(tags => tags.Tags).Distinct().ToList() is { Count: > 0 } tags)
        {
            operation.Tags = new HashSet<OpenApiTagReference>(tags.Select(tag => new OpenApiTagReference(tag, document)));
            document.Tags ??= new HashSet<OpenApiTag>();
            foreach (var tag in tags.Where(tag => !document.Tags.Any(known => known.Name == tag)))
            {
                document.Tags.Add(new OpenApiTag { Name = tag });
            }
        }

        // The last Accepts declared wins, as the router reads it.
        if (metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts)
        {
            var schema = accepts.RequestType is { } type ? await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken) : new OpenApiSchema { Type = JsonSchemaType.Object };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !accepts.IsOptional,
                Content = accepts.ContentTypes.ToDictionary(contentType => contentType, _ => new OpenApiMediaType { Schema = schema }),
            };
        }

        foreach (var produces in metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            var response = new OpenApiResponse { Description = produces.Description ?? ReasonPhrases.GetReasonPhrase(produces.StatusCode) };
            if (produces.ContentTypes.Any())
            {
                var schema = produces.Type is { } type && type != typeof(void) ? await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken) : null;
                response.Content = produces.ContentTypes.ToDictionary(contentType => contentType, _ => new OpenApiMediaType { Schema = schema });
            }

            operation.Responses[produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        return operation;
    }
}
