using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>Liveness (/healthz: the process answers) and readiness (/readyz: the node serves traffic).</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (CardActorsNode node) => Results.Json(Document(node, "alive"), ApiJson.Default.HealthDocument))
            .WithTags("Health").Produces<HealthDocument>();
        app.MapGet("/readyz", (CardActorsNode node) => node.IsReady
                ? Results.Json(Document(node, "ready"), ApiJson.Default.HealthDocument)
                : Results.Json(Document(node, "starting or stopping"), ApiJson.Default.HealthDocument, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health").Produces<HealthDocument>().Produces<HealthDocument>(StatusCodes.Status503ServiceUnavailable);
    }

    private static HealthDocument Document(CardActorsNode node, string status) => new(
        status, node.Options.NodeId, node.Options.Journal.Kind, node.Cards.LiveEntities, node.MerchantProfiles.Count, node.Products.All.Count);
}
