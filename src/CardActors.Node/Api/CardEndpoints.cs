using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>/api/cards: issue, activate, load, spend, undo, inquire and manage cards.</summary>
internal static class CardEndpoints
{
    public static void MapCardEndpoints(this IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/api/cards").WithTags("Cards");
        cards.MapPost("/", CardIssuance.IssueAsync).AcceptsJson<IssueCardRequest>().Produces<IssuedCardResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        cards.MapPost("/bulk", CardIssuance.IssueBulkAsync).AcceptsJson<BulkIssueRequest>().Produces<BulkIssueResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        cards.MapGet("/{card}", ViewAsync).Produces<CardView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        cards.MapGet("/{card}/balance", (string card, CardActorsNode node) => Execute(node, card, new InquireBalance())).WithTransactionResults();
        cards.MapGet("/{card}/transactions", HistoryAsync).Produces<HistoryResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        MapSimple(cards, "activate", () => new ActivateCard());
        MapSimple(cards, "freeze", () => new Freeze());
        MapSimple(cards, "unfreeze", () => new Unfreeze());
        MapSimple(cards, "report-lost", () => new ReportLost());
        MapKeyed(cards, "extend", (id, key) => new Extend(id, key));
        MapKeyed(cards, "close", (id, key) => new Close(id, key));

        cards.MapPost("/{card}/top-ups", CardMoneyMovement.TopUpAsync).AcceptsJson<TopUpRequest>().WithTransactionResults();
        cards.MapPost("/{card}/authorizations", CardMoneyMovement.AuthorizeAsync).AcceptsJson<SpendRequest>().WithTransactionResults();
        cards.MapPost("/{card}/authorizations/{holdId}/capture", CardMoneyMovement.CaptureAsync).AcceptsJson<SpendRequest>().WithTransactionResults();
        cards.MapPost("/{card}/purchases", CardMoneyMovement.PurchaseAsync).AcceptsJson<SpendRequest>().WithTransactionResults();
        cards.MapPost("/{card}/reversals", CardMoneyMovement.ReverseAsync).AcceptsJson<ReverseRequest>().WithTransactionResults();
        cards.MapPost("/{card}/refunds", CardMoneyMovement.RefundAsync).AcceptsJson<RefundRequest>().WithTransactionResults();
        cards.MapPost("/{card}/payment-codes", PaymentCodeAsync).Produces<PaymentCodeResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cards.MapPost("/{card}/replace", CardIssuance.ReplaceAsync).Produces<ReplaceResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static RouteHandlerBuilder WithTransactionResults(this RouteHandlerBuilder builder) => builder
        .Produces<TransactionResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static void MapSimple(RouteGroupBuilder cards, string action, Func<CardCommand> command) =>
        cards.MapPost("/{card}/" + action, (string card, CardActorsNode node) => Execute(node, card, command())).WithTransactionResults();

    private static void MapKeyed(RouteGroupBuilder cards, string action, Func<TransactionId, IdempotencyKey, CardCommand> command) =>
        cards.MapPost("/{card}/" + action, (string card, HttpRequest request, CardActorsNode node) =>
        {
            var fields = new FieldReader();
            var number = fields.Card(card);
            var id = node.TransactionIds.Next();
            var key = fields.Key(request, id);
            return fields.Failed ? Task.FromResult(fields.Problem) : Execute(node, number, command(id, key));
        }).WithTransactionResults();

    internal static Task<IResult> Execute(CardActorsNode node, string card, CardCommand command)
    {
        var fields = new FieldReader();
        var number = fields.Card(card);
        return fields.Failed ? Task.FromResult(fields.Problem) : Execute(node, number, command);
    }

    internal static async Task<IResult> Execute(CardActorsNode node, CardNumber card, CardCommand command, int status = StatusCodes.Status200OK)
    {
        var reply = await node.Cards.Ask(card, command);
        return reply.IsApproved
            ? Results.Json(CardDocuments.Transaction(card, reply), ApiJson.Default.TransactionResponse, statusCode: status)
            : Problems.Declined(reply);
    }

    private static async Task<IResult> ViewAsync(string card, CardActorsNode node)
    {
        var fields = new FieldReader();
        var number = fields.Card(card);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var now = node.Time.GetUtcNow();
        var view = await node.Cards.InspectAsync(number, state => state.Exists ? CardDocuments.View(state, now) : null);
        return view is null
            ? Problems.NotFound("card", "not issued")
            : Results.Json(view, ApiJson.Default.CardView);
    }

    /// <summary>A one-minute, single-use code the cardholder's app shows as a QR code; a POS sends it in place of the PAN.</summary>
    private static async Task<IResult> PaymentCodeAsync(string card, CardActorsNode node, Gateway.PaymentCodes codes)
    {
        var fields = new FieldReader();
        var number = fields.Card(card);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var now = node.Time.GetUtcNow();
        var status = await node.Cards.InspectAsync(number, s => s.Exists ? s.StatusAt(now) : (CardStatus?)null);
        if (status is null)
        {
            return Problems.NotFound("card", "not issued");
        }

        if (status != CardStatus.Active)
        {
            return Problems.Refused("card", "must be active to pay (it is " + status + ")");
        }

        var (code, expiresAt) = codes.Issue(number);
        return Results.Json(new PaymentCodeResponse(code, CardDocuments.Time(expiresAt)), ApiJson.Default.PaymentCodeResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> HistoryAsync(string card, string? from, string? limit, CardActorsNode node)
    {
        var fields = new FieldReader();
        var number = fields.Card(card);
        var first = fields.QueryNumber(from, "from", 1, long.MaxValue, "must be a sequence number of at least 1") ?? 1;
        var size = (int)(fields.QueryNumber(limit, "limit", 1, 1000, "must be from 1 to 1000") ?? 100);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var page = await node.History.ReadAsync(number, first, size, node.Lifetime);
        return page.Entries.Length == 0 && first == 1 && !await node.Cards.InspectAsync(number, state => state.Exists)
            ? Problems.NotFound("card", "not issued")
            : Results.Json(page, ApiJson.Default.HistoryResponse);
    }
}
