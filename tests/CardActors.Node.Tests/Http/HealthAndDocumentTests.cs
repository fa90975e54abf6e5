using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>/healthz, /readyz, /metrics and the OpenAPI document.</summary>
public sealed class HealthAndDocumentTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Liveness_and_readiness_answer_with_the_node_and_its_journal()
    {
        var alive = (await _api.GetAsync("/healthz")).Expect(HttpStatusCode.OK);
        Assert.Equal("alive", alive.String("status"));
        Assert.Equal("sqlite", alive.String("journal"));
        Assert.False(string.IsNullOrEmpty(alive.String("nodeId")));

        var ready = (await _api.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        Assert.Equal("ready", ready.String("status"));
        foreach (var count in new[] { "liveCards", "merchants", "products" })
        {
            Assert.True(ready.Long(count) >= 0, count);
        }
    }

    [Fact]
    public async Task Readiness_counts_what_the_node_holds()
    {
        var before = (await _api.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        await fixture.Estate.DefineProductAsync();
        await fixture.Estate.OpenShopAsync();
        var after = (await _api.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        Assert.True(after.Long("products") >= before.Long("products") + 1);
        Assert.True(after.Long("merchants") >= before.Long("merchants") + 1);
    }

    [Fact]
    public async Task Metrics_are_Prometheus_text_with_help_and_type_for_every_family()
    {
        var product = await fixture.Estate.DefineProductAsync();
        var shop = await fixture.Estate.OpenShopAsync();
        var card = await fixture.Estate.IssueAsync(product, 1_000);
        await fixture.Estate.PurchaseAsync(card, shop, 100);

        var reply = await _api.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("text/plain", reply.MediaType);
        var lines = reply.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("# TYPE cardactors_", StringComparison.Ordinal));
        var typed = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        var helped = lines.Where(l => l.StartsWith("# HELP ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        Assert.Equal(typed.Order(), helped.Order());
        foreach (var sample in lines.Where(l => !l.StartsWith('#')))
        {
            var name = sample.Split('{', ' ')[0];
            Assert.True(typed.Any(f => name == f || name.StartsWith(f + "_", StringComparison.Ordinal)), "a sample of an undeclared family: " + sample);
            var value = sample[(sample.LastIndexOf(' ') + 1)..];
            Assert.True(double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                || value is "+Inf" or "-Inf" or "NaN", "not a number: " + sample);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_of_the_API()
    {
        var document = (await _api.GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Body;
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        var routes = paths.SelectMany(p => p.Value!.AsObject().Select(m => m.Key.ToUpperInvariant() + " " + p.Key)).ToHashSet();
        string[] expected =
        [
            "GET /cluster/transport", "GET /healthz", "GET /readyz",
            "POST /api/products", "GET /api/products", "GET /api/products/{id}", "PUT /api/products/{id}",
            "POST /api/cards", "POST /api/cards/bulk", "GET /api/cards/{card}", "GET /api/cards/{card}/balance", "GET /api/cards/{card}/transactions",
            "POST /api/cards/{card}/activate", "POST /api/cards/{card}/freeze", "POST /api/cards/{card}/unfreeze", "POST /api/cards/{card}/report-lost",
            "POST /api/cards/{card}/extend", "POST /api/cards/{card}/close", "POST /api/cards/{card}/top-ups", "POST /api/cards/{card}/authorizations",
            "POST /api/cards/{card}/authorizations/{holdId}/capture", "POST /api/cards/{card}/purchases", "POST /api/cards/{card}/reversals",
            "POST /api/cards/{card}/refunds", "POST /api/cards/{card}/payment-codes", "POST /api/cards/{card}/replace",
            "POST /api/merchants", "GET /api/merchants", "GET /api/merchants/{merchantId}", "PUT /api/merchants/{merchantId}/profile",
            "POST /api/merchants/{merchantId}/suspend", "POST /api/merchants/{merchantId}/reactivate", "POST /api/merchants/{merchantId}/close",
            "PUT /api/merchants/{merchantId}/settlement-cycle", "PUT /api/merchants/{merchantId}/account-manager",
            "POST /api/merchants/{merchantId}/terminals", "DELETE /api/merchants/{merchantId}/terminals/{terminalId}",
            "POST /api/merchants/{merchantId}/terminals/{terminalId}/mac-key", "POST /api/merchants/{merchantId}/terminals/{terminalId}/mac-key/retire-previous",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_route_with_a_body_documents_its_JSON_schema_and_its_refusals()
    {
        var document = (await _api.GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Body;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                Assert.True(responses.Any(r => r.Key.StartsWith('2')), $"{method} {path} documents no success");
                if (operation["requestBody"] is not JsonObject body)
                {
                    continue;
                }

                var content = body["content"]!.AsObject();
                Assert.Equal(["application/json"], content.Select(c => c.Key));
                Assert.NotNull(content["application/json"]!["schema"]);
                Assert.True(responses.ContainsKey("400"), $"{method} {path} takes a body but documents no 400");
                Assert.True(responses.ContainsKey("415"), $"{method} {path} takes a body but documents no 415");
            }
        }
    }

    [Fact]
    public async Task An_unknown_route_is_a_404()
    {
        var reply = await _api.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
