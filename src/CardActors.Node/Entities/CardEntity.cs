using System.Buffers;
using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Node.Products;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Entities;

/// <summary>Hosts the domain's card decider as a kernel entity: the adapter is all the host adds.</summary>
internal sealed class CardEntity(ProductCatalog products, BusinessCalendar calendar, TimeProvider time, Action<CardNumber>? onPendingTransfer)
    : IEntityBehavior<CardNumber, CardState, CardCommand, CardEvent, CardReply>,
      IEntityCodec<CardNumber, CardState, CardEvent>,
      IEntityIdentity<CardNumber>
{
    private const string Prefix = "card|";
    private static readonly ExpireHolds WakeUp = new();

    public static EntityType<CardNumber, CardState, CardCommand, CardEvent, CardReply> Type(
        ProductCatalog products, BusinessCalendar calendar, TimeProvider time, Action<CardNumber>? onPendingTransfer)
    {
        var entity = new CardEntity(products, calendar, time, onPendingTransfer);
        return new("card", entity, entity, entity);
    }

    public CardState CreateState(CardNumber key) => new();

    public Effect<CardEvent, CardReply> Decide(CardState state, CardCommand command)
    {
        state.PrefetchMemory(); // overlaps with the product lookup and the clock below
        var product = products.Find(state.Exists ? state.Product : command switch
        {
            IssueCard issue => issue.Product,
            ReceiveTransfer transfer => transfer.Product, // a replacement card is created by its transfer
            _ => default,
        }) ?? products.Fallback;
        var decision = CardDecider.Decide(state, command, new CardContext(time.GetUtcNow(), product, calendar));
        if (command is ExpireHolds && state.PendingTransfer is not null)
        {
            onPendingTransfer?.Invoke(state.CardNumber); // a replacement interrupted by a crash: resume it
        }

        return decision.Many is { } many ? Effect<CardEvent, CardReply>.PersistAll(many, decision.Reply)
            : Effect<CardEvent, CardReply>.PersistIfAny(decision.Single, decision.Reply);
    }

    public CardState Apply(CardState state, CardEvent @event)
    {
        state.Apply(@event);
        return state;
    }

    public DateTimeOffset? NextDeadline(CardState state) => state.NextDeadline;

    public CardCommand DeadlineReached(DateTimeOffset now) => WakeUp;

    public CardReply FailureReply(EntityFailure failure) => new(
        failure == EntityFailure.Crashed ? ResponseCode.SystemMalfunction : ResponseCode.IssuerUnavailable,
        default, 0, 0, 0, 0, 0, 0, DeclineReason.None);

    public void WriteEvent(CardEvent @event, IBufferWriter<byte> output) => CardEventCodec.Encode(@event, output);

    public CardEvent ReadEvent(ReadOnlySpan<byte> payload) => CardEventCodec.Decode(payload);

    public void WriteSnapshot(CardState state, IBufferWriter<byte> output) => CardSnapshotCodec.Encode(state, output);

    public CardState ReadSnapshot(CardNumber key, ReadOnlySpan<byte> payload) => CardSnapshotCodec.Decode(payload);

    public string PersistenceIdOf(CardNumber key) => Prefix + key.ToDigitString();

    public bool TryParsePersistenceId(string persistenceId, out CardNumber key)
    {
        key = default;
        return persistenceId.StartsWith(Prefix, StringComparison.Ordinal)
            && CardNumber.TryParse(persistenceId.AsSpan(Prefix.Length), out key, out _);
    }

    public ulong StableHash(CardNumber key) => ShardHash.Of(key.Digits ^ ((ulong)key.Length << 60));
}
