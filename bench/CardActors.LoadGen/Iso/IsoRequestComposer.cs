using CardActors.Iso8583;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Iso;

/// <summary>
/// Lays out the message for each workload operation as docs/iso8583.md prescribes: authorization
/// 0100, completion advice 0220, purchase / top-up / refund / balance inquiry 0200 with processing
/// codes 00 / 21 / 20 / 31, reversal 0400, and the network messages 0800. Card-present messages
/// carry the PAN keyed contactless (entry mode 072); follow-ups name their original in 90 and 37.
/// </summary>
internal sealed class IsoRequestComposer
{
    // Contactless, terminal cannot accept a PIN.
    private const long EntryMode = 72;

    private readonly CardNumbers _cards;
    private readonly TransmissionClock _clock;
    private readonly long _acquirerId;
    private readonly int _currency;
    private readonly long _runTag;

    public IsoRequestComposer(CardNumbers cards, TransmissionClock clock, long acquirerId, int currency, long runTag)
    {
        _cards = cards;
        _clock = clock;
        _acquirerId = acquirerId;
        _currency = currency;
        _runTag = runTag;
    }

    /// <summary>The transmission date-time (field 7) for a message sent now.</summary>
    public long TransmissionDateTime() => _clock.TransmissionDateTime();

    /// <summary>Sets every field of <paramref name="request"/>'s message but the MAC; returns the MTI its answer carries.</summary>
    public int Compose(Iso8583MessageBuilder builder, in LoadRequest request, IsoTerminal terminal, int stan, long transmissionDateTime, in OriginalIdentifiers original)
    {
        var mti = request.Kind switch
        {
            OperationKind.Authorize => MessageType.AuthorizationRequest,
            OperationKind.Complete => MessageType.CompletionAdvice,
            OperationKind.Reverse => MessageType.ReversalRequest,
            _ => MessageType.FinancialRequest,
        };
        builder.Reset(mti);
        SetCommon(builder, terminal, stan, transmissionDateTime);
        var (time, date) = _clock.Local();
        builder.SetNumeric(FieldNumber.LocalTime, time).SetNumeric(FieldNumber.LocalDate, date);
        builder.SetNumeric(FieldNumber.ProcessingCode, ProcessingCode.For(TransactionTypeOf(request.Kind)).Value);
        builder.SetNumeric(FieldNumber.Currency, _currency);
        if (request.Kind != OperationKind.BalanceInquiry)
        {
            builder.SetNumeric(FieldNumber.Amount, request.Amount);
        }

        // Every message names its card; a follow-up (completion, reversal, refund) the card of its
        // original, as docs/iso8583.md requires of follow-ups not paid with a payment code.
        builder.SetDigits(FieldNumber.PrimaryAccountNumber, _cards[request.CardIndex]);
        if (request.Kind is not (OperationKind.Complete or OperationKind.Reverse))
        {
            // Card-present: how the card was read.
            builder.SetNumeric(FieldNumber.PosEntryMode, EntryMode);
        }

        // A completion or reversal repeats its original's RRN; every other message has its own,
        // a refund included (its original is named by 90 alone).
        Span<byte> rrn = stackalloc byte[RetrievalReference.Length];
        var follows = request.Kind is OperationKind.Complete or OperationKind.Reverse;
        RetrievalReference.Write(rrn, _runTag, follows ? request.Original.Sequence : request.Sequence);
        builder.SetText(FieldNumber.RetrievalReferenceNumber, rrn);

        if (request.Kind.NeedsOriginal())
        {
            var originalType = request.Original.Kind == OperationKind.Authorize ? MessageType.AuthorizationRequest : MessageType.FinancialRequest;
            builder.SetOriginalData(new OriginalDataElements(originalType, original.Stan, original.TransmissionDateTime, _acquirerId, 0));
        }

        return (int)mti + 10;
    }

    /// <summary>Sets the fields of a sign-on (001), sign-off (002) or echo test (301).</summary>
    public void ComposeNetworkManagement(Iso8583MessageBuilder builder, IsoTerminal terminal, int stan, NetworkManagementCode code)
    {
        builder.Reset(MessageType.NetworkManagementRequest);
        SetCommon(builder, terminal, stan, _clock.TransmissionDateTime());
        builder.SetNumeric(FieldNumber.NetworkManagementCode, (long)code);
    }

    private static TransactionType TransactionTypeOf(OperationKind kind) => kind switch
    {
        OperationKind.TopUp => TransactionType.TopUp,
        OperationKind.Refund => TransactionType.Refund,
        OperationKind.BalanceInquiry => TransactionType.BalanceInquiry,

        // Authorization, completion, purchase, and the reversal of either: goods and services.
        _ => TransactionType.Purchase,
    };

    private void SetCommon(Iso8583MessageBuilder builder, IsoTerminal terminal, int stan, long transmissionDateTime)
    {
        builder.SetNumeric(FieldNumber.TransmissionDateTime, transmissionDateTime)
            .SetNumeric(FieldNumber.Stan, stan)
            .SetNumeric(FieldNumber.AcquirerId, _acquirerId)
            .SetText(FieldNumber.TerminalId, terminal.TerminalId)
            .SetText(FieldNumber.MerchantId, terminal.MerchantId);
    }
}
