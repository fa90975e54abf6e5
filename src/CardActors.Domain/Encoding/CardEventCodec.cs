using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The journal format of card events: a type tag byte, a format version byte, then the fields in
/// declaration order with <see cref="CodecWriter"/>'s encodings, starting with the timestamp.
/// Tags are never reused and a changed layout gets a new version; old versions stay decodable,
/// which the golden-byte tests hold in place. Version 2 exists for three events: CardIssued and
/// TransferReceived end with the card's memory limits (three u16); Refunded ends with a presence
/// byte and, for a sale refunded from the journal, its completion id, bonus lot, instant and what
/// had gone back before (main, bonus). Their version 1 reads with the default limits and as a
/// refund of a sale in memory. Purchased version 2 writes main and bonus as signed variable-length
/// integers, the bonus lot as an unsigned one and the business date as days from the UTC date of
/// the event's instant (signed): 62 bytes instead of 85 for a purchase from the main purse of up to
/// 81.91 yuan, the commonest event of all. CreditReversed (tag 23, version 1): credit id, sale id, main,
/// bonus, merchant, business date.
/// </summary>
public static class CardEventCodec
{
    public const byte Version1 = 1;
    public const byte Version2 = 2;

    public static int Encode(CardEvent cardEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(cardEvent);
        var writer = new CodecWriter(output);
        var tag = TagOf(cardEvent);
        writer.WriteByte((byte)tag);
        writer.WriteByte(HasVersion2(tag) ? Version2 : Version1);
        writer.WriteInstant(cardEvent.At);
        if (cardEvent is CardTransactionEvent keyed)
        {
            writer.WriteTransactionId(keyed.TransactionId);
            writer.WriteKey(keyed.Key);
        }
        switch (cardEvent)
        {
            case CardIssued e:
                writer.WriteCardNumber(e.Card);
                writer.WriteUInt32(e.Product.Value);
                writer.WriteUInt64(e.Holder.Value);
                writer.WriteInt64(e.InitialLoad);
                writer.WriteDuration(e.IdempotencyWindow);
                writer.WriteDuration(e.RefundWindow);
                CardValueCodec.WriteMemory(ref writer, e.Memory);
                break;
            case CardActivated e:
                writer.WriteOptionalInstant(e.ExpiresAt);
                break;
            case ToppedUp e:
                writer.WriteInt64(e.Amount);
                writer.WriteByte((byte)e.Channel);
                break;
            case BonusGranted e:
                writer.WriteInt64(e.Amount);
                writer.WriteInstant(e.ExpiresAt);
                CardValueCodec.WriteScope(ref writer, e.Scope);
                break;
            case Authorized e:
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.Bonus);
                writer.WriteTransactionId(e.BonusLot);
                writer.WriteInstant(e.HoldExpiresAt);
                writer.WriteMerchantId(e.Merchant);
                writer.WriteTerminalId(e.Terminal);
                writer.WriteDate(e.BusinessDate);
                break;
            case HoldCaptured e:
                writer.WriteTransactionId(e.HoldId);
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.Bonus);
                writer.WriteInt64(e.ReleasedMain);
                writer.WriteInt64(e.ReleasedBonus);
                writer.WriteInt64(e.ForfeitedBonus);
                writer.WriteMerchantId(e.Merchant);
                writer.WriteTerminalId(e.Terminal);
                writer.WriteDate(e.BusinessDate);
                break;
            case Purchased e:
                writer.WriteVarInt64(e.Main);
                writer.WriteVarInt64(e.Bonus);
                writer.WriteVarUInt64(e.BonusLot.Value);
                writer.WriteMerchantId(e.Merchant);
                writer.WriteTerminalId(e.Terminal);
                writer.WriteVarInt64((long)e.BusinessDate.DayNumber - UtcDayOf(e.At));
                break;
            case HoldReleased e:
                writer.WriteTransactionId(e.HoldId);
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.ReturnedBonus);
                writer.WriteInt64(e.ForfeitedBonus);
                break;
            case HoldExpired e:
                writer.WriteTransactionId(e.HoldId);
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.ReturnedBonus);
                writer.WriteInt64(e.ForfeitedBonus);
                break;
            case SaleReversed e:
                writer.WriteTransactionId(e.SaleId);
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.ReturnedBonus);
                writer.WriteInt64(e.ForfeitedBonus);
                writer.WriteMerchantId(e.Merchant);
                writer.WriteDate(e.BusinessDate);
                break;
            case Refunded e:
                writer.WriteTransactionId(e.SaleId);
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.ReturnedBonus);
                writer.WriteInt64(e.ForfeitedBonus);
                writer.WriteMerchantId(e.Merchant);
                writer.WriteTerminalId(e.Terminal);
                writer.WriteDate(e.BusinessDate);
                CardValueCodec.WriteOlderSale(ref writer, e.OlderSale);
                break;
            case CreditReversed e:
                writer.WriteTransactionId(e.CreditId);
                writer.WriteTransactionId(e.SaleId);
                writer.WriteInt64(e.Main);
                writer.WriteInt64(e.Bonus);
                writer.WriteMerchantId(e.Merchant);
                writer.WriteDate(e.BusinessDate);
                break;
            case ReversalRecorded e:
                writer.WriteTransactionId(e.OriginalId);
                writer.WriteKey(e.OriginalKey);
                writer.WriteBool(e.AwaitingOriginal);
                break;
            case BonusExpired e:
                writer.WriteTransactionId(e.LotId);
                writer.WriteInt64(e.Amount);
                break;
            case Declined e:
                writer.WriteByte((byte)e.Kind);
                writer.WriteByte((byte)e.Code);
                writer.WriteByte((byte)e.Reason);
                break;
            case CardFrozen or CardUnfrozen or CardReportedLost:
                break;
            case BalanceTransferredOut e:
                writer.WriteCardNumber(e.NewCard);
                writer.WriteInt64(e.Main);
                CardValueCodec.WriteLots(ref writer, e.Lots);
                break;
            case TransferReceived e:
                writer.WriteTransactionId(e.TransferId);
                writer.WriteCardNumber(e.Card);
                writer.WriteCardNumber(e.FromCard);
                writer.WriteUInt32(e.Product.Value);
                writer.WriteUInt64(e.Holder.Value);
                writer.WriteOptionalInstant(e.ExpiresAt);
                writer.WriteInt64(e.Main);
                CardValueCodec.WriteLots(ref writer, e.Lots);
                writer.WriteDuration(e.IdempotencyWindow);
                writer.WriteDuration(e.RefundWindow);
                CardValueCodec.WriteMemory(ref writer, e.Memory);
                break;
            case TransferOutConfirmed e:
                writer.WriteTransactionId(e.TransferId);
                break;
            case CardExtended e:
                writer.WriteInstant(e.ExpiresAt);
                writer.WriteInt64(e.Fee);
                break;
            case CardClosed e:
                writer.WriteInt64(e.RedeemedMain);
                writer.WriteInt64(e.ForfeitedBonus);
                break;
            default:
                throw new CodecException("no encoding for card event " + cardEvent.GetType().Name);
        }
        return writer.Commit();
    }

    public static CardEvent Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = (CardEventTag)reader.ReadByte();
        var version = reader.ReadByte();
        if (version != Version1 && !(version == Version2 && HasVersion2(tag)))
        {
            throw new CodecException("card event " + tag + ": unknown version " + version);
        }
        var at = reader.ReadInstant();
        CardEvent result = tag switch
        {
            CardEventTag.CardActivated => new CardActivated(at, reader.ReadOptionalInstant()),
            CardEventTag.HoldExpired => new HoldExpired(at, reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64()),
            CardEventTag.BonusExpired => new BonusExpired(at, reader.ReadTransactionId(), reader.ReadInt64()),
            CardEventTag.CardFrozen => new CardFrozen(at),
            CardEventTag.CardUnfrozen => new CardUnfrozen(at),
            CardEventTag.CardReportedLost => new CardReportedLost(at),
            CardEventTag.TransferReceived => new TransferReceived(
                at, reader.ReadTransactionId(), reader.ReadCardNumber(), reader.ReadCardNumber(), new(reader.ReadUInt32()), new(reader.ReadUInt64()),
                reader.ReadOptionalInstant(), reader.ReadInt64(), CardValueCodec.ReadLots(ref reader), reader.ReadDuration(), reader.ReadDuration(),
                ReadMemory(ref reader, version)),
            CardEventTag.TransferOutConfirmed => new TransferOutConfirmed(at, reader.ReadTransactionId()),
            _ => DecodeKeyed(tag, version, at, ref reader),
        };
        reader.EnsureEnd();
        return result;
    }

    private static CardTransactionEvent DecodeKeyed(CardEventTag tag, byte version, DateTimeOffset at, ref CodecReader reader)
    {
        if (!Enum.IsDefined(tag))
        {
            throw new CodecException("unknown card event tag " + (byte)tag);
        }
        var tx = reader.ReadTransactionId();
        var key = reader.ReadKey();
        return tag switch
        {
            CardEventTag.CardIssued => new CardIssued(
                at, tx, key, reader.ReadCardNumber(), new(reader.ReadUInt32()), new(reader.ReadUInt64()), reader.ReadInt64(), reader.ReadDuration(), reader.ReadDuration(),
                ReadMemory(ref reader, version)),
            CardEventTag.ToppedUp => new ToppedUp(at, tx, key, reader.ReadInt64(), reader.ReadEnum<TopUpChannel>()),
            CardEventTag.BonusGranted => new BonusGranted(at, tx, key, reader.ReadInt64(), reader.ReadInstant(), CardValueCodec.ReadScope(ref reader)),
            CardEventTag.Authorized => new Authorized(
                at, tx, key, reader.ReadInt64(), reader.ReadInt64(), reader.ReadTransactionId(), reader.ReadInstant(),
                reader.ReadMerchantId(), reader.ReadTerminalId(), reader.ReadDate()),
            CardEventTag.HoldCaptured => new HoldCaptured(
                at, tx, key, reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadMerchantId(), reader.ReadTerminalId(), reader.ReadDate()),
            CardEventTag.Purchased when version == Version1 => new Purchased(
                at, tx, key, reader.ReadInt64(), reader.ReadInt64(), reader.ReadTransactionId(), reader.ReadMerchantId(), reader.ReadTerminalId(), reader.ReadDate()),
            CardEventTag.Purchased => new Purchased(
                at, tx, key, reader.ReadVarInt64(), reader.ReadVarInt64(), new TransactionId(reader.ReadVarUInt64()), reader.ReadMerchantId(), reader.ReadTerminalId(),
                DateNear(at, reader.ReadVarInt64())),
            CardEventTag.HoldReleased => new HoldReleased(at, tx, key, reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64()),
            CardEventTag.SaleReversed => new SaleReversed(
                at, tx, key, reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadMerchantId(), reader.ReadDate()),
            CardEventTag.Refunded => new Refunded(
                at, tx, key, reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadMerchantId(), reader.ReadTerminalId(), reader.ReadDate(), version == Version1 ? null : CardValueCodec.ReadOlderSale(ref reader)),
            CardEventTag.CreditReversed => new CreditReversed(
                at, tx, key, reader.ReadTransactionId(), reader.ReadTransactionId(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadMerchantId(), reader.ReadDate()),
            CardEventTag.ReversalRecorded => new ReversalRecorded(at, tx, key, reader.ReadTransactionId(), reader.ReadKey(), reader.ReadBool()),
            CardEventTag.Declined => new Declined(at, tx, key, reader.ReadEnum<OperationKind>(), reader.ReadEnum<ResponseCode>(), reader.ReadEnum<DeclineReason>()),
            CardEventTag.BalanceTransferredOut => new BalanceTransferredOut(at, tx, key, reader.ReadCardNumber(), reader.ReadInt64(), CardValueCodec.ReadLots(ref reader)),
            CardEventTag.CardExtended => new CardExtended(at, tx, key, reader.ReadInstant(), reader.ReadInt64()),
            CardEventTag.CardClosed => new CardClosed(at, tx, key, reader.ReadInt64(), reader.ReadInt64()),
            _ => throw new CodecException("unknown card event tag " + (byte)tag),
        };
    }

    /// <summary>The events written in version 2 (every other is written in version 1).</summary>
    private static bool HasVersion2(CardEventTag tag) =>
        tag is CardEventTag.CardIssued or CardEventTag.TransferReceived or CardEventTag.Refunded or CardEventTag.Purchased;

    private static int UtcDayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime).DayNumber;

    /// <summary>The date <paramref name="days"/> days from the UTC date of <paramref name="instant"/>.</summary>
    private static DateOnly DateNear(DateTimeOffset instant, long days)
    {
        var day = UtcDayOf(instant) + days;
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            throw new CodecException("date out of range");
        }
        return DateOnly.FromDayNumber((int)day);
    }

    private static CardMemoryLimits ReadMemory(ref CodecReader reader, byte version) =>
        version == Version1 ? CardMemoryLimits.Default : CardValueCodec.ReadMemory(ref reader);

    private static CardEventTag TagOf(CardEvent cardEvent) => cardEvent switch
    {
        CardIssued => CardEventTag.CardIssued,
        CardActivated => CardEventTag.CardActivated,
        ToppedUp => CardEventTag.ToppedUp,
        BonusGranted => CardEventTag.BonusGranted,
        Authorized => CardEventTag.Authorized,
        HoldCaptured => CardEventTag.HoldCaptured,
        Purchased => CardEventTag.Purchased,
        HoldReleased => CardEventTag.HoldReleased,
        HoldExpired => CardEventTag.HoldExpired,
        SaleReversed => CardEventTag.SaleReversed,
        Refunded => CardEventTag.Refunded,
        ReversalRecorded => CardEventTag.ReversalRecorded,
        BonusExpired => CardEventTag.BonusExpired,
        Declined => CardEventTag.Declined,
        CardFrozen => CardEventTag.CardFrozen,
        CardUnfrozen => CardEventTag.CardUnfrozen,
        CardReportedLost => CardEventTag.CardReportedLost,
        BalanceTransferredOut => CardEventTag.BalanceTransferredOut,
        TransferReceived => CardEventTag.TransferReceived,
        TransferOutConfirmed => CardEventTag.TransferOutConfirmed,
        CardExtended => CardEventTag.CardExtended,
        CardClosed => CardEventTag.CardClosed,
        CreditReversed => CardEventTag.CreditReversed,
        _ => throw new CodecException("no tag for card event " + cardEvent.GetType().Name),
    };
}
