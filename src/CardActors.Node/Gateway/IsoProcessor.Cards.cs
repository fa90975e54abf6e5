using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Iso8583;
using CardActors.Runtime.Ask;

namespace CardActors.Node.Gateway;

/// <summary>The card side: which card, which command, and the answer once the card has decided.</summary>
internal sealed partial class IsoProcessor
{
    private void DecideCard(IsoExchange exchange, MerchantProfile profile, long acquirer, TerminalId terminal)
    {
        var message = exchange.Message;
        var type = message.MessageType;
        var isAdvice = type is MessageType.CompletionAdvice or MessageType.ReversalAdvice;
        var transaction = IsoIdentity.TransactionOf(acquirer, profile.Id, terminal, (int)message.GetNumeric(FieldNumber.Stan), message.GetNumeric(FieldNumber.TransmissionDateTime));
        exchange.Transaction = transaction;
        var original = TransactionId.None;
        if (message.Has(FieldNumber.OriginalData))
        {
            var data = message.GetOriginalData();
            original = IsoIdentity.TransactionOf(data.AcquirerId, profile.Id, terminal, data.Stan, data.TransmissionDateTime);
        }

        if (message.Has(FieldNumber.Currency) && message.GetNumeric(FieldNumber.Currency) != CurrencyCode)
        {
            Refuse(exchange, isAdvice, ResponseCode.InvalidAmount, "currency: not the card's");
            return;
        }

        if (!TryFindCard(message, transaction, original, out var card, out var cardOrCode, out var refusal))
        {
            Refuse(exchange, isAdvice, refusal, refusal == ResponseCode.InvalidCardNumber ? "card: not a card number or payment code of this issuer" : "card: no field 2 and no payment-code original");
            return;
        }

        var key = IsoIdentity.KeyOf(transaction, message, cardOrCode);
        var facts = MerchantFacts.From(profile, terminal);
        var amount = new Money(message.TryGetNumeric(FieldNumber.Amount, out var minor) ? minor : 0, _core.Currency);
        CardCommand? command = type switch
        {
            MessageType.AuthorizationRequest when message.TransactionType == TransactionType.Purchase => new Authorize(transaction, key, amount, facts),
            MessageType.FinancialRequest => message.TransactionType switch
            {
                TransactionType.Purchase => new Purchase(transaction, key, amount, facts),
                TransactionType.Refund => new Refund(transaction, key, original, IdempotencyKey.None, amount, facts),
                TransactionType.TopUp => new TopUp(transaction, key, amount, TopUpChannel.Counter, facts),
                TransactionType.BalanceInquiry => new InquireBalance(),
                _ => null,
            },
            MessageType.CompletionAdvice => new Capture(transaction, key, original, amount, facts),
            MessageType.ReversalRequest or MessageType.ReversalAdvice => new Reverse(transaction, key, original, IdempotencyKey.None),
            _ => null,
        };
        if (command is null)
        {
            Refuse(exchange, isAdvice, ResponseCode.InvalidTransaction, "processing code: not supported in this message");
            return;
        }

        if (!_overload.TryAdmit(exchange.ReceivedAt))
        {
            // Not decided, so nothing to record: a request is retried by its terminal, an advice repeated by its acquirer.
            GatewayMetrics.Shed.Add(1);
            exchange.Answer(IsoResponse.With(ResponseCode.IssuerUnavailable));
            return;
        }

        exchange.Asking();
        exchange.Await(_core.DecideAsync(card, command, Options.DecisionTimeout), isAdvice ? _finishAdvice : _finishRequest);
    }

    private void OverloadChanged(bool shedding, OverloadGuard.Reading reading)
    {
        if (shedding)
        {
            GatewayLog.SheddingBegan(Log, reading.Slow, reading.Decided, Options.OverloadTarget, Options.OverloadInterval, reading.SinceProgress);
        }
        else
        {
            GatewayLog.SheddingEnded(Log, reading.Slow, reading.Decided);
        }
    }

    /// <summary>A request is answered with the refusal; an advice cannot be declined, so it is acknowledged and kept as an exception.</summary>
    private void Refuse(IsoExchange exchange, bool isAdvice, ResponseCode code, string detail)
    {
        if (isAdvice)
        {
            RecordAdviceException(exchange, code, detail);
            exchange.Answer(IsoResponse.With(ResponseCode.Approved));
            return;
        }

        exchange.Answer(IsoResponse.With(code));
    }

    private void RecordAdviceException(IsoExchange exchange, ResponseCode code, string detail)
    {
        GatewayMetrics.AdviceExceptions.Add(1);
        if (!Log.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        GatewayLog.AdviceException(Log, exchange.Message.Mti, System.Text.Encoding.ASCII.GetString(exchange.Message.GetText(FieldNumber.TerminalId)), code.ToText(), detail);
    }

    /// <summary>The card: field 2, or a payment code (field 48 PC), or for a follow-up the card its payment-code original used.</summary>
    private bool TryFindCard(Iso8583Message message, TransactionId transaction, TransactionId original, out CardNumber card, out byte[] cardOrCode, out ResponseCode refusal)
    {
        refusal = ResponseCode.InvalidCardNumber;
        cardOrCode = [];
        if (message.Has(FieldNumber.PrimaryAccountNumber))
        {
            cardOrCode = message.Pan.ToArray();
            return CardNumber.TryParse(message.Pan, out card, out _);
        }

        if (message.TryGetPaymentCode(out var code))
        {
            cardOrCode = code.ToArray();
            return PaymentCodes.TryResolve(code, transaction, out card);
        }

        if (!original.IsNone && PaymentCodes.TryFindCard(original, out card))
        {
            return true;
        }

        card = default;
        refusal = ResponseCode.InvalidTransaction; // a follow-up without a PAN whose original this issuer cannot place
        return false;
    }

    private void FinishRequest(IsoExchange exchange, CardReply reply, Exception? error)
    {
        _overload.Completed(exchange.ReceivedAt, exchange.DecidedAt);
        exchange.Answer(error is null ? IsoResponse.From(reply) : Failure(exchange, error));
    }

    /// <summary>Advices cannot be declined: once the card has decided, the answer is 00 and a refusal is kept for reconciliation.</summary>
    private void FinishAdvice(IsoExchange exchange, CardReply reply, Exception? error)
    {
        _overload.Completed(exchange.ReceivedAt, exchange.DecidedAt);
        if (error is not null)
        {
            exchange.Answer(Failure(exchange, error));
            return;
        }

        if (reply.Code is ResponseCode.IssuerUnavailable or ResponseCode.SystemMalfunction)
        {
            exchange.Answer(IsoResponse.With(reply.Code)); // not recorded: the acquirer repeats the advice
            return;
        }

        if (!reply.IsApproved && !reply.Repeated)
        {
            RecordAdviceException(exchange, reply.Code, reply.Detail); // a repeated advice was recorded when it first came
        }

        exchange.Answer(IsoResponse.With(ResponseCode.Approved));
    }

    private IsoResponse Failure(IsoExchange exchange, Exception error)
    {
        if (error is not AskTimeoutException)
        {
            GatewayLog.ProcessingFailed(Log, error, exchange.Message.Mti);
            return IsoResponse.With(ResponseCode.SystemMalfunction);
        }

        return IsoResponse.With(ResponseCode.IssuerUnavailable); // no answer in time: retransmit the same message
    }
}
