using System.Collections.Concurrent;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Iso8583;
using CardActors.Node.Gateway;
using CardActors.Node.Merchants;
using CardActors.Runtime.Ask;
using Npgsql;

namespace CardActors.Baseline;

/// <summary>
/// The issuer core of the database-lock design: every card command is one call of a PostgreSQL
/// function (one round trip, one transaction, the card and merchant rows locked until commit).
/// Merchant profiles are read once from the tables and kept in memory, as the node does, so the
/// comparison isolates the card and merchant updates.
/// </summary>
internal sealed class DbLockCore(NpgsqlDataSource data, TerminalKeys keys, TimeProvider time) : IIssuerCore
{
    private readonly ConcurrentDictionary<MerchantId, MerchantProfile> _merchants = new();
    private readonly ConcurrentDictionary<(MerchantId, TerminalId, int), MacKey> _keys = new();

    public Currency Currency => Currency.Cny;

    public TimeProvider Time => time;

    public MerchantProfile? FindMerchant(MerchantId merchant) => _merchants.GetValueOrDefault(merchant);

    public void Remember(MerchantProfile profile) => _merchants[profile.Id] = profile;

    public MacKey TerminalKey(MerchantId merchant, TerminalId terminal, int version) =>
        _keys.GetOrAdd((merchant, terminal, version), k => new MacKey(keys.KeyOf(k.Item1, k.Item2, k.Item3)));

    public async ValueTask<CardReply> DecideAsync(CardNumber card, CardCommand command, TimeSpan timeout)
    {
        var digits = card.ToDigitString();
        await using var call = data.CreateCommand();
        call.CommandTimeout = Math.Max(1, (int)timeout.TotalSeconds);
        (TransactionId id, long amount) = command switch
        {
            Authorize a => Call(call, "spend", a.TransactionId, digits, a.Merchant.Merchant.ToString(), a.Amount.MinorUnits, true),
            Purchase p => Call(call, "spend", p.TransactionId, digits, p.Merchant.Merchant.ToString(), p.Amount.MinorUnits, false),
            Capture c => Call(call, "capture", c.TransactionId, digits, (long)c.HoldId.Value, c.Amount.MinorUnits),
            Reverse r => Call(call, "reverse", r.TransactionId, digits, (long)r.OriginalId.Value),
            Refund f => Call(call, "refund", f.TransactionId, digits, (long)f.OriginalId.Value, f.Amount.MinorUnits),
            TopUp t => Call(call, "top_up", t.TransactionId, digits, t.Amount.MinorUnits),
            InquireBalance => Inquiry(call, digits),
            _ => throw new NotSupportedException($"The baseline does not implement {command.GetType().Name}."),
        };

        try
        {
            await using var reader = await call.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return Reply(ResponseCode.InvalidCardNumber, id, 0, 0, 0);
            }

            var code = (ResponseCode)reader.GetInt32(0);
            var balance = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            var available = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
            return Reply(code, id, code == ResponseCode.Approved ? amount : 0, balance, available);
        }
        catch (NpgsqlException exception) when (exception.InnerException is TimeoutException || exception.IsTransient)
        {
            throw new AskTimeoutException("The database did not answer in time.", exception);
        }
    }

    private static (TransactionId, long) Call(NpgsqlCommand call, string function, TransactionId id, string card, params object[] arguments)
    {
        call.CommandText = $"SELECT code, balance, available FROM {function}($1, $2{string.Concat(arguments.Select((_, i) => $", ${i + 3}"))})";
        call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)id.Value });
        call.Parameters.Add(new NpgsqlParameter<string> { TypedValue = card });
        foreach (var argument in arguments)
        {
            call.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return (id, arguments.OfType<long>().LastOrDefault());
    }

    private static (TransactionId, long) Inquiry(NpgsqlCommand call, string card)
    {
        call.CommandText = "SELECT CASE WHEN active THEN 0 ELSE 62 END, balance, balance - held FROM cards WHERE card = $1";
        call.Parameters.Add(new NpgsqlParameter<string> { TypedValue = card });
        return (TransactionId.None, 0);
    }

    private static CardReply Reply(ResponseCode code, TransactionId id, long amount, long balance, long available) =>
        new(code, id, amount, amount, 0, balance, 0, available, DeclineReason.None);
}
