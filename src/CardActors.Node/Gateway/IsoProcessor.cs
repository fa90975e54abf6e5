using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Iso8583;
using CardActors.Node.Hosting;
using CardActors.Runtime.Ask;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Gateway;

/// <summary>
/// Decides each parsed request in the order docs/iso8583.md §15 gives: direction, MAC, network
/// management, sign-on, then the card (by PAN or payment code) with an identity derived from the
/// wire (see <see cref="IsoIdentity"/>), so retransmissions, reversals before originals, late
/// originals and requests at a merchant that stopped trading are all decided by the card itself.
/// </summary>
internal sealed partial class IsoProcessor
{
    private readonly IIssuerCore _core;
    private readonly TerminalSessions _sessions = new();
    private readonly Action<IsoExchange, CardReply, Exception?> _finishRequest;
    private readonly Action<IsoExchange, CardReply, Exception?> _finishAdvice;
    private readonly OverloadGuard _overload;

    public IsoProcessor(IIssuerCore core, IsoGatewayOptions options, PaymentCodes paymentCodes, ILogger<IsoProcessor> log)
    {
        _core = core;
        Options = options;
        PaymentCodes = paymentCodes;
        Log = log;
        _finishRequest = FinishRequest;
        _finishAdvice = FinishAdvice;
        _overload = new OverloadGuard(core.Time, options.OverloadTarget, options.OverloadInterval);
        _overload.Changed += OverloadChanged;
    }

    public IsoGatewayOptions Options { get; }

    public ILogger Log { get; }

    public TimeProvider Time => _core.Time;

    public int CurrencyCode => _core.Currency.NumericCode;

    public PaymentCodes PaymentCodes { get; }

    public int SignedOnTerminals => _sessions.Count;

    /// <summary>True while card requests are answered 91 without being decided (see <see cref="OverloadGuard"/>).</summary>
    public bool IsShedding => _overload.IsShedding;

    public void Handle(IsoExchange exchange)
    {
        try
        {
            Decide(exchange);
        }
        catch (Exception exception)
        {
            GatewayLog.ProcessingFailed(Log, exception, exchange.Message.Mti);
            exchange.Answer(IsoResponse.With(ResponseCode.SystemMalfunction));
        }
    }

    private void Decide(IsoExchange exchange)
    {
        var message = exchange.Message;
        var type = message.MessageType;
        if (!MessageTypes.IsRequest(type))
        {
            exchange.Answer(IsoResponse.FormatError);
            return;
        }

        var isEcho = type == MessageType.NetworkManagementRequest && message.GetNumeric(FieldNumber.NetworkManagementCode) == (long)NetworkManagementCode.Echo;
        if (!MerchantId.TryParse(message.GetText(FieldNumber.MerchantId), out var merchant, out _)
            || !TerminalId.TryParse(message.GetText(FieldNumber.TerminalId), out var terminal, out _))
        {
            exchange.Answer(IsoResponse.With(ResponseCode.InvalidTransaction));
            return;
        }

        var profile = _core.FindMerchant(merchant);
        if (profile is null || !profile.HasTerminal(terminal))
        {
            exchange.Answer(IsoResponse.With(ResponseCode.InvalidTransaction)); // unknown terminal: no MAC, no action
            return;
        }

        if (!VerifyMac(exchange, profile, terminal, isEcho, out var keyVersion, out var refusal))
        {
            exchange.Answer(IsoResponse.With(refusal));
            return;
        }

        var acquirer = message.GetNumeric(FieldNumber.AcquirerId);
        switch (type)
        {
            case MessageType.NetworkManagementRequest:
                exchange.Answer(IsoResponse.With(NetworkManagement(message, profile, acquirer, terminal, keyVersion)));
                return;
            case MessageType.BatchTotalsRequest:
                RecordBatchTotals(message, merchant, terminal);
                exchange.Answer(IsoResponse.With(ResponseCode.Approved));
                return;
            case MessageType.AuthorizationRequest or MessageType.FinancialRequest or MessageType.ReversalRequest
                when !_sessions.IsSignedOn(acquirer, merchant, terminal, profile.KeyVersionsOf(terminal)):
                exchange.Answer(IsoResponse.With(ResponseCode.InvalidTransaction));
                return;
            case MessageType.FinancialRequest when !profile.IsTrading && message.TransactionType == TransactionType.BalanceInquiry:
                // Money movements at a merchant that stopped trading are the card's to decline (05),
                // after it has answered retransmissions of what it approved before; an inquiry moves
                // nothing and is refused here.
                exchange.Answer(IsoResponse.With(ResponseCode.DoNotHonor));
                return;
        }

        DecideCard(exchange, profile, acquirer, terminal);
    }

    /// <summary>Checks the MAC under the terminal's current key, then its previous one; <paramref name="keyVersion"/> is the version that verified.</summary>
    private bool VerifyMac(IsoExchange exchange, MerchantProfile profile, TerminalId terminal, bool isEcho, out int keyVersion, out ResponseCode refusal)
    {
        var message = exchange.Message;
        keyVersion = 0;
        refusal = ResponseCode.Approved;
        if (message.MacField == 0)
        {
            refusal = ResponseCode.FormatError; // only an echo may come without a MAC
            return isEcho;
        }

        var versions = profile.KeyVersionsOf(terminal);
        foreach (var version in (ReadOnlySpan<int>)[versions.Current, versions.Previous])
        {
            if (version > 0 && _core.TerminalKey(profile.Id, terminal, version) is var key && Iso8583Mac.Verify(message, key))
            {
                exchange.ResponseKey = key;
                keyVersion = version;
                return true;
            }
        }

        refusal = ResponseCode.InvalidTransaction;
        return false;
    }

    private ResponseCode NetworkManagement(Iso8583Message message, MerchantProfile profile, long acquirer, TerminalId terminal, int keyVersion)
    {
        switch ((NetworkManagementCode)message.GetNumeric(FieldNumber.NetworkManagementCode))
        {
            case NetworkManagementCode.Echo:
                return ResponseCode.Approved;
            case NetworkManagementCode.SignOn when profile.IsTrading:
                _sessions.SignOn(acquirer, profile.Id, terminal, keyVersion);
                return ResponseCode.Approved;
            case NetworkManagementCode.SignOff:
                _sessions.SignOff(acquirer, profile.Id, terminal);
                return ResponseCode.Approved;
            default:
                return ResponseCode.InvalidTransaction;
        }
    }

    private void RecordBatchTotals(Iso8583Message m, MerchantId merchant, TerminalId terminal) => GatewayLog.BatchTotals(
        Log, terminal.ToString(), merchant.ToString(), m.GetNumeric(FieldNumber.SettlementDate),
        m.GetNumeric(FieldNumber.CreditsCount), m.GetNumeric(FieldNumber.CreditsAmount),
        m.GetNumeric(FieldNumber.CreditReversalsCount), m.GetNumeric(FieldNumber.CreditReversalsAmount),
        m.GetNumeric(FieldNumber.DebitsCount), m.GetNumeric(FieldNumber.DebitsAmount),
        m.GetNumeric(FieldNumber.DebitReversalsCount), m.GetNumeric(FieldNumber.DebitReversalsAmount));
}
