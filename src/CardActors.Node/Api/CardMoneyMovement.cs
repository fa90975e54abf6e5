using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Cards;
using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>The money-moving card endpoints: each is a transaction with an id and an idempotency key.</summary>
internal static class CardMoneyMovement
{
    public static async Task<IResult> TopUpAsync(string card, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.TopUpRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var number = fields.Card(card);
        var amount = fields.Amount(body.Value!.Amount, node.Currency);
        TopUpChannel? channel = body.Value.Channel switch
        {
            null or "counter" => TopUpChannel.Counter,
            "kiosk" => TopUpChannel.Kiosk,
            "online" => TopUpChannel.Online,
            "bankTransfer" => TopUpChannel.BankTransfer,
            _ => null,
        };
        if (channel is null)
        {
            fields.Add("channel", "must be counter, kiosk, online or bankTransfer");
        }

        var id = node.TransactionIds.Next();
        var key = fields.Key(request, id);
        return fields.Failed ? fields.Problem : await CardEndpoints.Execute(node, number, new TopUp(id, key, amount, channel!.Value));
    }

    public static Task<IResult> AuthorizeAsync(string card, HttpRequest request, CardActorsNode node) =>
        SpendAsync(card, request, node, (id, key, spend) => new Authorize(id, key, spend.Amount, spend.Merchant));

    public static Task<IResult> PurchaseAsync(string card, HttpRequest request, CardActorsNode node) =>
        SpendAsync(card, request, node, (id, key, spend) => new Purchase(id, key, spend.Amount, spend.Merchant));

    public static async Task<IResult> CaptureAsync(string card, string holdId, HttpRequest request, CardActorsNode node)
    {
        var fields = new FieldReader();
        var hold = fields.Transaction(holdId, "holdId");
        return fields.Failed ? fields.Problem
            : await SpendAsync(card, request, node, (id, key, spend) => new Capture(id, key, hold, spend.Amount, spend.Merchant));
    }

    public static async Task<IResult> ReverseAsync(string card, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.ReverseRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var number = fields.Card(card);
        var original = fields.Transaction(body.Value!.OriginalTransactionId, "originalTransactionId");
        var id = node.TransactionIds.Next();
        var key = fields.Key(request, id);
        return fields.Failed ? fields.Problem : await CardEndpoints.Execute(node, number, new Reverse(id, key, original, IdempotencyKey.None));
    }

    public static async Task<IResult> RefundAsync(string card, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.RefundRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var number = fields.Card(card);
        var refund = body.Value!;
        var original = fields.Transaction(refund.OriginalTransactionId, "originalTransactionId");
        var amount = fields.Amount(refund.Amount, node.Currency);
        var merchant = fields.Merchant(refund.MerchantId);
        var terminal = fields.Terminal(refund.TerminalId);
        var id = node.TransactionIds.Next();
        var key = fields.Key(request, id);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var check = MerchantCheck.Of(node.MerchantProfiles.Find(merchant), terminal);
        if (!check.Passed)
        {
            return Problems.Refused(check.Error.Field, check.Error.Rule);
        }

        var reply = await node.Refunds.SendAsync(number, new Refund(id, key, original, IdempotencyKey.None, amount, check.Facts), cancellationToken: node.Lifetime);
        return reply.IsApproved ? Results.Json(CardDocuments.Transaction(number, reply), ApiJson.Default.TransactionResponse) : Problems.Declined(reply);
    }

    /// <summary>
    /// An authorization, purchase or capture. The merchant must be known here and the terminal its
    /// own; whether it still trades is the card's to decide, after it has answered a repeat (a
    /// retry of a purchase approved before a suspension gets its approval; a new one is declined
    /// 05; a capture is honoured, the goods having been delivered).
    /// </summary>
    private static async Task<IResult> SpendAsync(
        string card, HttpRequest request, CardActorsNode node, Func<TransactionId, IdempotencyKey, Spend, CardCommand> command)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.SpendRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var number = fields.Card(card);
        var amount = fields.Amount(body.Value!.Amount, node.Currency);
        var merchant = fields.Merchant(body.Value.MerchantId);
        var terminal = fields.Terminal(body.Value.TerminalId);
        var id = node.TransactionIds.Next();
        var key = fields.Key(request, id);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var check = MerchantCheck.Of(node.MerchantProfiles.Find(merchant), terminal);
        if (!check.Passed)
        {
            return Problems.Refused(check.Error.Field, check.Error.Rule);
        }

        return await CardEndpoints.Execute(node, number, command(id, key, new Spend(amount, check.Facts)));
    }

    private readonly record struct Spend(Domain.Monetary.Money Amount, MerchantFacts Merchant);
}
