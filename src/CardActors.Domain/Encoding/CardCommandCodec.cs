using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The wire format of card commands sent to the node that owns the card: a <see cref="CardCommandTag"/>
/// byte, a format version byte (1), then the fields with <see cref="CodecWriter"/>'s encodings. A
/// money command starts with its transaction id and idempotency key; every command then has its
/// other fields in declaration order. Amounts are <see cref="CardValueCodec.WriteMoney"/> (minor units
/// and currency); an optional value is a presence byte, then the value when present; merchant facts,
/// original sales, scopes and bonus lots are those of <see cref="CardValueCodec"/>. Nodes of
/// different builds talk during a rolling upgrade, so a changed layout gets a new version and the
/// old one stays decodable. When <see cref="Encode"/> throws, the output may hold a partial
/// encoding: the caller discards the buffer.
/// </summary>
public static class CardCommandCodec
{
    public const byte Version1 = 1;

    private static readonly ActivateCard Activate = new();
    private static readonly ExpireHolds Expire = new();
    private static readonly InquireBalance Inquire = new();
    private static readonly Freeze FreezeCard = new();
    private static readonly Unfreeze UnfreezeCard = new();
    private static readonly ReportLost Lost = new();

    public static int Encode(CardCommand command, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tag = TagOf(command);
        var writer = new CodecWriter(output);
        writer.WriteByte((byte)tag);
        writer.WriteByte(Version1);
        if (command is CardMoneyCommand money)
        {
            writer.WriteTransactionId(money.TransactionId);
            writer.WriteKey(money.Key);
        }
        switch (command)
        {
            case IssueCard c:
                writer.WriteCardNumber(c.Card);
                writer.WriteUInt32(c.Product.Value);
                writer.WriteUInt64(c.Holder.Value);
                CardValueCodec.WriteMoney(ref writer, c.InitialLoad);
                break;
            case TopUp c:
                CardValueCodec.WriteMoney(ref writer, c.Amount);
                writer.WriteByte((byte)CardValueCodec.Defined(c.Channel));
                CardValueCodec.WriteOptionalMerchantFacts(ref writer, c.Merchant);
                break;
            case GrantBonus c:
                CardValueCodec.WriteMoney(ref writer, c.Amount);
                writer.WriteInstant(c.ExpiresAt);
                CardValueCodec.WriteScope(ref writer, c.Scope);
                break;
            case Authorize c:
                CardValueCodec.WriteMoney(ref writer, c.Amount);
                CardValueCodec.WriteMerchantFacts(ref writer, c.Merchant);
                break;
            case Capture c:
                writer.WriteTransactionId(c.HoldId);
                CardValueCodec.WriteMoney(ref writer, c.Amount);
                CardValueCodec.WriteMerchantFacts(ref writer, c.Merchant);
                break;
            case Purchase c:
                CardValueCodec.WriteMoney(ref writer, c.Amount);
                CardValueCodec.WriteMerchantFacts(ref writer, c.Merchant);
                break;
            case Reverse c:
                writer.WriteTransactionId(c.OriginalId);
                writer.WriteKey(c.OriginalKey);
                break;
            case Refund c:
                writer.WriteTransactionId(c.OriginalId);
                writer.WriteKey(c.OriginalKey);
                CardValueCodec.WriteMoney(ref writer, c.Amount);
                CardValueCodec.WriteMerchantFacts(ref writer, c.Merchant);
                CardValueCodec.WriteOriginalSale(ref writer, c.Sale);
                break;
            case Replace c:
                writer.WriteCardNumber(c.NewCard);
                break;
            case ReceiveTransfer c:
                writer.WriteTransactionId(c.TransferId);
                writer.WriteCardNumber(c.Card);
                writer.WriteCardNumber(c.FromCard);
                writer.WriteUInt32(c.Product.Value);
                writer.WriteUInt64(c.Holder.Value);
                writer.WriteOptionalInstant(c.ExpiresAt);
                writer.WriteInt64(c.Main);
                CardValueCodec.WriteLots(ref writer, c.Lots);
                break;
            case ConfirmTransferOut c:
                writer.WriteTransactionId(c.TransferId);
                break;
            case ActivateCard or ExpireHolds or InquireBalance or Freeze or Unfreeze or ReportLost or Extend or Close:
                break;
            default:
                throw new CodecException("no encoding for card command " + command.GetType().Name);
        }
        return writer.Commit();
    }

    public static CardCommand Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = (CardCommandTag)reader.ReadByte();
        if (!Enum.IsDefined(tag))
        {
            throw new CodecException("unknown card command tag " + (byte)tag);
        }
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("card command " + tag + ": unknown version " + version);
        }
        // Arguments are evaluated left to right, so each constructor call reads its fields in order.
        CardCommand command = tag switch
        {
            CardCommandTag.IssueCard => new IssueCard(
                reader.ReadTransactionId(), reader.ReadKey(), reader.ReadCardNumber(), new ProductId(reader.ReadUInt32()), new HolderId(reader.ReadUInt64()),
                CardValueCodec.ReadMoney(ref reader)),
            CardCommandTag.ActivateCard => Activate,
            CardCommandTag.TopUp => new TopUp(
                reader.ReadTransactionId(), reader.ReadKey(), CardValueCodec.ReadMoney(ref reader), reader.ReadEnum<TopUpChannel>(),
                CardValueCodec.ReadOptionalMerchantFacts(ref reader)),
            CardCommandTag.GrantBonus => new GrantBonus(
                reader.ReadTransactionId(), reader.ReadKey(), CardValueCodec.ReadMoney(ref reader), reader.ReadInstant(), CardValueCodec.ReadScope(ref reader)),
            CardCommandTag.Authorize => new Authorize(
                reader.ReadTransactionId(), reader.ReadKey(), CardValueCodec.ReadMoney(ref reader), CardValueCodec.ReadMerchantFacts(ref reader)),
            CardCommandTag.Capture => new Capture(
                reader.ReadTransactionId(), reader.ReadKey(), reader.ReadTransactionId(), CardValueCodec.ReadMoney(ref reader),
                CardValueCodec.ReadMerchantFacts(ref reader)),
            CardCommandTag.Purchase => new Purchase(
                reader.ReadTransactionId(), reader.ReadKey(), CardValueCodec.ReadMoney(ref reader), CardValueCodec.ReadMerchantFacts(ref reader)),
            CardCommandTag.Reverse => new Reverse(reader.ReadTransactionId(), reader.ReadKey(), reader.ReadTransactionId(), reader.ReadKey()),
            CardCommandTag.Refund => new Refund(
                reader.ReadTransactionId(), reader.ReadKey(), reader.ReadTransactionId(), reader.ReadKey(), CardValueCodec.ReadMoney(ref reader),
                CardValueCodec.ReadMerchantFacts(ref reader), CardValueCodec.ReadOriginalSale(ref reader)),
            CardCommandTag.ExpireHolds => Expire,
            CardCommandTag.InquireBalance => Inquire,
            CardCommandTag.Freeze => FreezeCard,
            CardCommandTag.Unfreeze => UnfreezeCard,
            CardCommandTag.ReportLost => Lost,
            CardCommandTag.Replace => new Replace(reader.ReadTransactionId(), reader.ReadKey(), reader.ReadCardNumber()),
            CardCommandTag.ReceiveTransfer => new ReceiveTransfer(
                reader.ReadTransactionId(), reader.ReadCardNumber(), reader.ReadCardNumber(), new ProductId(reader.ReadUInt32()), new HolderId(reader.ReadUInt64()),
                reader.ReadOptionalInstant(), reader.ReadInt64(), CardValueCodec.ReadLots(ref reader)),
            CardCommandTag.ConfirmTransferOut => new ConfirmTransferOut(reader.ReadTransactionId()),
            CardCommandTag.Extend => new Extend(reader.ReadTransactionId(), reader.ReadKey()),
            CardCommandTag.Close => new Close(reader.ReadTransactionId(), reader.ReadKey()),
            _ => throw new CodecException("unknown card command tag " + (byte)tag),
        };
        reader.EnsureEnd();
        return command;
    }

    private static CardCommandTag TagOf(CardCommand command) => command switch
    {
        IssueCard => CardCommandTag.IssueCard,
        ActivateCard => CardCommandTag.ActivateCard,
        TopUp => CardCommandTag.TopUp,
        GrantBonus => CardCommandTag.GrantBonus,
        Authorize => CardCommandTag.Authorize,
        Capture => CardCommandTag.Capture,
        Purchase => CardCommandTag.Purchase,
        Reverse => CardCommandTag.Reverse,
        Refund => CardCommandTag.Refund,
        ExpireHolds => CardCommandTag.ExpireHolds,
        InquireBalance => CardCommandTag.InquireBalance,
        Freeze => CardCommandTag.Freeze,
        Unfreeze => CardCommandTag.Unfreeze,
        ReportLost => CardCommandTag.ReportLost,
        Replace => CardCommandTag.Replace,
        ReceiveTransfer => CardCommandTag.ReceiveTransfer,
        ConfirmTransferOut => CardCommandTag.ConfirmTransferOut,
        Extend => CardCommandTag.Extend,
        Close => CardCommandTag.Close,
        _ => throw new CodecException("no tag for card command " + command.GetType().Name),
    };
}
