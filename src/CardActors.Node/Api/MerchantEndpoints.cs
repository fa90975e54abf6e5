using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>/api/merchants: registration, profile, status, terminals and their MAC keys, settlement terms.</summary>
internal static class MerchantEndpoints
{
    public static void MapMerchantEndpoints(this IEndpointRouteBuilder app)
    {
        var merchants = app.MapGroup("/api/merchants").WithTags("Merchants");
        merchants.MapPost("/", RegisterAsync).AcceptsJson<RegisterMerchantRequest>()
            .Produces<MerchantView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        merchants.MapGet("/", ListAsync).Produces<MerchantView[]>().ProducesValidationProblem();
        merchants.MapGet("/{merchantId}", ViewAsync).Produces<MerchantView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        merchants.MapPut("/{merchantId}/profile", UpdateProfileAsync).AcceptsJson<UpdateMerchantProfileRequest>().WithMerchantResults();
        merchants.MapPost("/{merchantId}/suspend", (string merchantId, CardActorsNode node) => CommandAsync(node, merchantId, new SuspendMerchant())).WithMerchantResults();
        merchants.MapPost("/{merchantId}/reactivate", (string merchantId, CardActorsNode node) => CommandAsync(node, merchantId, new ReactivateMerchant())).WithMerchantResults();
        merchants.MapPost("/{merchantId}/close", (string merchantId, CardActorsNode node) => CommandAsync(node, merchantId, new CloseMerchant())).WithMerchantResults();
        merchants.MapPut("/{merchantId}/settlement-cycle", SettlementCycleAsync).AcceptsJson<SettlementCycleRequest>().WithMerchantResults();
        merchants.MapPut("/{merchantId}/account-manager", AccountManagerAsync).AcceptsJson<AccountManagerRequest>().WithMerchantResults();
        merchants.MapPost("/{merchantId}/terminals", TerminalAdministration.AddAsync).AcceptsJson<AddTerminalRequest>()
            .Produces<TerminalKeyResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        merchants.MapDelete("/{merchantId}/terminals/{terminalId}", TerminalAdministration.RemoveAsync).WithMerchantResults();
        merchants.MapPost("/{merchantId}/terminals/{terminalId}/mac-key", TerminalAdministration.RotateKeyAsync)
            .Produces<TerminalKeyResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        merchants.MapPost("/{merchantId}/terminals/{terminalId}/mac-key/retire-previous", TerminalAdministration.RetirePreviousKeyAsync).WithMerchantResults();
    }

    private static RouteHandlerBuilder WithMerchantResults(this RouteHandlerBuilder builder) => builder
        .Produces<MerchantView>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> RegisterAsync(HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.RegisterMerchantRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var m = body.Value!;
        var id = fields.Merchant(m.Id, "id");
        if (string.IsNullOrWhiteSpace(m.Name))
        {
            fields.Add("name", "is required");
        }

        var category = fields.Category(m.Category);
        var group = new MerchantGroupId(fields.Number(m.Group, "group", required: false));
        var projects = Projects(fields, m.Projects);
        var cycle = fields.Cycle(m.SettlementCycle ?? "daily", m.FeeRateBasisPoints);
        var manager = new AccountManagerId(fields.Number(m.AccountManager, "accountManager", required: false));
        if (fields.Failed)
        {
            return fields.Problem;
        }

        return await CommandAsync(node, id, new RegisterMerchant(id, m.Name!, category, group, projects, cycle, manager), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateProfileAsync(string merchantId, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.UpdateMerchantProfileRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var id = fields.Merchant(merchantId);
        var m = body.Value!;
        if (string.IsNullOrWhiteSpace(m.Name))
        {
            fields.Add("name", "is required");
        }

        var category = fields.Category(m.Category);
        var group = new MerchantGroupId(fields.Number(m.Group, "group", required: false));
        var projects = Projects(fields, m.Projects);
        return fields.Failed ? fields.Problem : await CommandAsync(node, id, new UpdateMerchantProfile(m.Name!, category, group, projects));
    }

    private static async Task<IResult> SettlementCycleAsync(string merchantId, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.SettlementCycleRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var id = fields.Merchant(merchantId);
        var cycle = fields.Cycle(body.Value!.SettlementCycle, body.Value.FeeRateBasisPoints);
        return fields.Failed ? fields.Problem : await CommandAsync(node, id, new ChangeSettlementCycle(cycle));
    }

    private static async Task<IResult> AccountManagerAsync(string merchantId, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.AccountManagerRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var id = fields.Merchant(merchantId);
        var manager = new AccountManagerId(fields.Number(body.Value!.AccountManager, "accountManager"));
        return fields.Failed ? fields.Problem : await CommandAsync(node, id, new AssignAccountManager(manager));
    }

    private static async Task<IResult> ListAsync(string? after, string? limit, CardActorsNode node)
    {
        var fields = new FieldReader();
        var size = (int)(fields.QueryNumber(limit, "limit", 1, 500, "must be from 1 to 500") ?? 100);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var ids = node.MerchantProfiles.All
            .Select(p => p.Id)
            .Where(id => after is null || string.CompareOrdinal(id.ToString(), after) > 0)
            .OrderBy(id => id.ToString(), StringComparer.Ordinal)
            .Take(size);
        var views = await Task.WhenAll(ids.Select(id => node.Merchants.InspectAsync(id, MerchantDocuments.View)));
        return Results.Json(views.OfType<MerchantView>().ToArray(), ApiJson.Default.MerchantViewArray);
    }

    private static async Task<IResult> ViewAsync(string merchantId, CardActorsNode node)
    {
        var fields = new FieldReader();
        var id = fields.Merchant(merchantId);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var view = await node.Merchants.InspectAsync(id, MerchantDocuments.View);
        return view is null ? Problems.NotFound("merchantId", "not registered") : Results.Json(view, ApiJson.Default.MerchantView);
    }

    internal static Task<IResult> CommandAsync(CardActorsNode node, string merchantId, MerchantCommand command)
    {
        var fields = new FieldReader();
        var id = fields.Merchant(merchantId);
        return fields.Failed ? Task.FromResult(fields.Problem) : CommandAsync(node, id, command);
    }

    internal static async Task<IResult> CommandAsync(CardActorsNode node, MerchantId id, MerchantCommand command, int status = StatusCodes.Status200OK)
    {
        var reply = await node.ExecuteMerchantAsync(id, command);
        if (!reply.Accepted)
        {
            return MerchantDocuments.Refusal(reply);
        }

        var view = await node.Merchants.InspectAsync(id, MerchantDocuments.View);
        return Results.Json(view, ApiJson.Default.MerchantView, statusCode: status);
    }

    private static ImmutableArray<ProjectId> Projects(FieldReader fields, long[]? projects)
    {
        if (projects is null)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ProjectId>(projects.Length);
        for (var i = 0; i < projects.Length; i++)
        {
            builder.Add(new ProjectId(fields.Number(projects[i], $"projects[{i}]")));
        }

        return builder.MoveToImmutable();
    }
}
