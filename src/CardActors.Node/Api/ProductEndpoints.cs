using System.Globalization;
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
            .AcceptsJson<ProductDocument>().Produces<ProductDocument>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        products.MapPut("/{id}", (string id, HttpRequest request, CardActorsNode node) => ReviseAsync(id, request, node))
            .AcceptsJson<ProductDocument>().Produces<ProductDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        products.MapGet("/", (CardActorsNode node) =>
            Results.Json(node.Products.All.OrderBy(p => p.Id.Value).Select(ProductDocuments.ToDocument).ToArray(), ApiJson.Default.ProductDocumentArray))
            .Produces<ProductDocument[]>();
        products.MapGet("/{id}", (string id, CardActorsNode node) =>
            ParseId(id) is not { } number ? Malformed()
            : number is > 0 and <= uint.MaxValue && node.Products.Find(new((uint)number)) is { } product
                ? Results.Json(ProductDocuments.ToDocument(product), ApiJson.Default.ProductDocument)
                : Problems.NotFound("id", "no such product"))
            .Produces<ProductDocument>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The product number of a path: digits only (a sign or a word is malformed, not merely unknown).</summary>
    private static long? ParseId(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static IResult Malformed() => Problems.Invalid("id", "must be a product number from 1 to 4294967295");

    private static Task<IResult> ReviseAsync(string id, HttpRequest request, CardActorsNode node) =>
        ParseId(id) is not { } number ? Task.FromResult(Malformed())
        : number is <= 0 or > uint.MaxValue ? Task.FromResult(Problems.NotFound("id", "no such product"))
        : SaveAsync(request, node, number);

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
        var product = ProductDocuments.ToProduct(document, fields, node.Currency);
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

        // The catalog's rules for the id: "product 7 already exists", "product 8 does not exist".
        var exists = reply.Errors.Any(e => e.Field == "id" && e.Rule.EndsWith("already exists", StringComparison.Ordinal));
        var missing = reply.Errors.Any(e => e.Field == "id" && e.Rule.EndsWith("does not exist", StringComparison.Ordinal));
        return exists ? Problems.Conflict("id", "a product with this number exists")
            : missing ? Problems.NotFound("id", "no such product")
            : Problems.Invalid(reply.Errors.Select(e => ProductDocuments.ToRequestField(e, document)).ToArray());
    }
}
