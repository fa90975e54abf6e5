using CardActors.Domain.Products;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>/api/products: the issuer's card products.</summary>
internal static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products");
        products.MapPost("/", (HttpRequest request, CardActorsNode node) => SaveAsync(request, node, null))
            .Accepts<ProductDocument>("application/json").Produces<ProductDocument>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        products.MapPut("/{id}", (long id, HttpRequest request, CardActorsNode node) => SaveAsync(request, node, id))
            .Accepts<ProductDocument>("application/json").Produces<ProductDocument>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        products.MapGet("/", (CardActorsNode node) =>
            Results.Json(node.Products.All.OrderBy(p => p.Id.Value).Select(ProductDocuments.ToDocument).ToArray(), ApiJson.Default.ProductDocumentArray))
            .Produces<ProductDocument[]>();
        products.MapGet("/{id}", (long id, CardActorsNode node) =>
            id is > 0 and <= uint.MaxValue && node.Products.Find(new((uint)id)) is { } product
                ? Results.Json(ProductDocuments.ToDocument(product), ApiJson.Default.ProductDocument)
                : Problems.NotFound("id", "no such product"))
            .Produces<ProductDocument>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SaveAsync(HttpRequest request, CardActorsNode node, long? routeId)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.ProductDocument);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var document = routeId is null ? body.Value! : body.Value! with { Id = body.Value.Id ?? routeId };
        if (routeId is not null && document.Id != routeId)
        {
            return Problems.Invalid("id", "must match the product number in the path");
        }

        var fields = new FieldReader();
        var product = ProductDocuments.ToProduct(document, fields);
        if (product is null)
        {
            return fields.Problem;
        }

        ProductCatalogCommand command = routeId is null ? new DefineProduct(product) : new ReviseProduct(product);
        var reply = await node.ExecuteCatalogAsync(command);
        if (reply.Accepted)
        {
            return Results.Json(ProductDocuments.ToDocument(product), ApiJson.Default.ProductDocument,
                statusCode: routeId is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }

        var exists = reply.Errors.Any(e => e.Field == "id" && e.Rule.Contains("exists", StringComparison.Ordinal));
        var missing = reply.Errors.Any(e => e.Field == "id" && e.Rule.Contains("no product", StringComparison.Ordinal));
        return exists ? Problems.Conflict("id", "a product with this number exists")
            : missing ? Problems.NotFound("id", "no such product")
            : Problems.Invalid(reply.Errors);
    }
}
