using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Cards;
using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>Card issuance (single and bulk, for enterprise orders) and replacement.</summary>
internal static class CardIssuance
{
    public const int MaxBulk = 10_000;
    private const int BulkWindow = 256;
    private const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> IssueAsync(HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.IssueCardRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var product = fields.Product(body.Value!.Product);
        var holder = new HolderId(fields.Number(body.Value.Holder, "holder", required: false));
        var load = fields.Amount(body.Value.InitialLoad, node.Currency, "initialLoad", required: false);
        var id = node.TransactionIds.Next();
        var key = fields.Key(request, id);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        if (node.Products.Find(product) is null)
        {
            return Problems.Refused("product", "not defined");
        }

        var card = (await node.CardNumbers.NextAsync(1, request.HttpContext.RequestAborted))[0];
        if (request.Headers.ContainsKey(IdempotencyHeader))
        {
            // A client key may come again (a retry after a lost answer, a restart, another node): the
            // request's entity keeps the first number it was given, so the retry reaches that card.
            var assigned = await node.IssueRequests.Ask(key, new AssignCardNumber(card));
            if (!assigned.Accepted)
            {
                return Problems.Unavailable(assigned.Error?.ToString() ?? "Idempotency-Key: temporarily unavailable, retry");
            }

            card = assigned.Card;
        }

        var issued = await node.Cards.Ask(card, new IssueCard(id, key, card, product, holder, load));
        if (!issued.IsApproved)
        {
            return Problems.Declined(issued, amountField: "initialLoad");
        }

        if (body.Value.Activate == true)
        {
            var activated = await node.Cards.Ask(card, new ActivateCard());
            if (!activated.IsApproved && activated.Reason != DeclineReason.None)
            {
                return Problems.Declined(activated);
            }
        }

        var status = await node.Cards.InspectAsync(card, s => s.StatusAt(node.Time.GetUtcNow()).ToString());
        return Results.Json(new IssuedCardResponse(card.ToDigitString(), status, CardDocuments.Transaction(card, issued)),
            ApiJson.Default.IssuedCardResponse, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> IssueBulkAsync(HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.BulkIssueRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var product = fields.Product(body.Value!.Product);
        var load = fields.Amount(body.Value.InitialLoad, node.Currency, "initialLoad", required: false);
        if (body.Value.Count is not (>= 1 and <= MaxBulk))
        {
            fields.Add("count", $"must be from 1 to {MaxBulk}");
        }

        if (fields.Failed)
        {
            return fields.Problem;
        }

        if (node.Products.Find(product) is null)
        {
            return Problems.Refused("product", "not defined");
        }

        var activate = body.Value.Activate == true;
        var firstHolder = fields.Number(body.Value.FirstHolder, "firstHolder", required: false);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var numbers = await node.CardNumbers.NextAsync(body.Value.Count!.Value, request.HttpContext.RequestAborted);

        // A window of issues in flight, not all of them: each new card is recovered from the journal
        // first, and ten thousand asks queued at once would wait longer than an ask may (503).
        var outcomes = new (CardNumber Card, CardReply Reply)[numbers.Count];
        await Parallel.ForAsync(0, numbers.Count, new ParallelOptions { MaxDegreeOfParallelism = BulkWindow }, async (i, _) =>
            outcomes[i] = await IssueOneAsync(node, numbers[i], product, firstHolder == 0 ? HolderId.Anonymous : new HolderId(firstHolder + (ulong)i), load, activate));
        var failed = outcomes.Where(o => !o.Reply.IsApproved)
            .Select(o => new BulkIssueFailure(o.Card.ToDigitString(), o.Reply.Code.ToText(), o.Reply.Detail)).ToArray();
        var issued = outcomes.Where(o => o.Reply.IsApproved).Select(o => o.Card.ToDigitString()).ToArray();
        return Results.Json(new BulkIssueResponse(issued, numbers.Count, failed), ApiJson.Default.BulkIssueResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<(CardNumber Card, CardReply Reply)> IssueOneAsync(CardActorsNode node, CardNumber card, ProductId product, HolderId holder, Domain.Monetary.Money load, bool activate)
    {
        var id = node.TransactionIds.Next();
        var reply = await node.Cards.Ask(card, new IssueCard(id, IdempotencyKey.FromClientKey("bulk:" + id), card, product, holder, load));
        if (reply.IsApproved && activate)
        {
            var activated = await node.Cards.Ask(card, new ActivateCard());
            return (card, activated.IsApproved ? reply : activated);
        }

        return (card, reply);
    }

    public static async Task<IResult> ReplaceAsync(string card, HttpRequest request, CardActorsNode node)
    {
        var fields = new FieldReader();
        var oldCard = fields.Card(card);
        var id = node.TransactionIds.Next();
        var key = fields.Key(request, id);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var newCard = (await node.CardNumbers.NextAsync(1, request.HttpContext.RequestAborted))[0];
        var reply = await node.Cards.Ask(oldCard, new Replace(id, key, newCard));
        if (!reply.IsApproved)
        {
            return Problems.Declined(reply);
        }

        if (reply.Repeated)
        {
            newCard = await node.History.FindTransferTargetAsync(oldCard, reply.TransactionId, request.HttpContext.RequestAborted) ?? newCard;
        }

        var outcome = await node.Replacements.CompleteAsync(oldCard);
        return Results.Json(new ReplaceResponse(oldCard.ToDigitString(), newCard.ToDigitString(), reply.TransactionId.ToString(), outcome.ToString()),
            ApiJson.Default.ReplaceResponse);
    }
}
