using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>Terminals of a merchant and their MAC keys (returned to the caller, who loads them into the terminal).</summary>
internal static class TerminalAdministration
{
    public static async Task<IResult> AddAsync(string merchantId, HttpRequest request, CardActorsNode node)
    {
        var body = await JsonBody.ReadAsync(request, ApiJson.Default.AddTerminalRequest);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fields = new FieldReader();
        var merchant = fields.Merchant(merchantId);
        var terminal = fields.Terminal(body.Value!.TerminalId);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        var known = await node.Merchants.InspectAsync(merchant, s => s.Exists && s.Terminals.Contains(terminal));
        if (known)
        {
            return Problems.Conflict("terminalId", "already registered for this merchant; rotate its key to get a new one");
        }

        var reply = await node.ExecuteMerchantAsync(merchant, new AddTerminal(terminal));
        return reply.Accepted ? await KeyAsync(node, merchant, terminal, StatusCodes.Status201Created) : MerchantDocuments.Refusal(reply);
    }

    public static Task<IResult> RemoveAsync(string merchantId, string terminalId, CardActorsNode node) =>
        TerminalCommandAsync(node, merchantId, terminalId, t => new RemoveTerminal(t), key: false);

    public static Task<IResult> RotateKeyAsync(string merchantId, string terminalId, CardActorsNode node) =>
        TerminalCommandAsync(node, merchantId, terminalId, t => new RotateTerminalKey(t), key: true);

    public static Task<IResult> RetirePreviousKeyAsync(string merchantId, string terminalId, CardActorsNode node) =>
        TerminalCommandAsync(node, merchantId, terminalId, t => new RetirePreviousTerminalKey(t), key: false);

    private static async Task<IResult> TerminalCommandAsync(CardActorsNode node, string merchantId, string terminalId, Func<TerminalId, MerchantCommand> command, bool key)
    {
        var fields = new FieldReader();
        var merchant = fields.Merchant(merchantId);
        var terminal = fields.Terminal(terminalId);
        if (fields.Failed)
        {
            return fields.Problem;
        }

        if (!key)
        {
            return await MerchantEndpoints.CommandAsync(node, merchant, command(terminal));
        }

        var reply = await node.ExecuteMerchantAsync(merchant, command(terminal));
        return reply.Accepted ? await KeyAsync(node, merchant, terminal, StatusCodes.Status200OK) : MerchantDocuments.Refusal(reply);
    }

    private static async Task<IResult> KeyAsync(CardActorsNode node, MerchantId merchant, TerminalId terminal, int status)
    {
        var version = (await node.Merchants.InspectAsync(merchant, s => s.KeyVersionsOf(terminal))).Current;
        var key = node.TerminalKeys.KeyOf(merchant, terminal, version);
        return Results.Json(new TerminalKeyResponse(terminal.ToString(), version, Convert.ToHexString(key)), ApiJson.Default.TerminalKeyResponse, statusCode: status);
    }
}
