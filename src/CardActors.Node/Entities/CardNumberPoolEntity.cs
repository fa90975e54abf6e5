using System.Buffers;
using CardActors.Domain;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Entities;

/// <summary>Reserves ranges of card-number sequences, one pool per issuer prefix, so no number is issued twice.</summary>
internal sealed class CardNumberPoolEntity(TimeProvider time, ulong capacity)
    : IEntityBehavior<string, CardNumberPoolState, ReserveCardNumbers, CardNumbersReserved, CardNumberPoolReply>,
      IEntityCodec<string, CardNumberPoolState, CardNumbersReserved>,
      IEntityIdentity<string>
{
    private const string Prefix = "card-numbers|";

    public static EntityType<string, CardNumberPoolState, ReserveCardNumbers, CardNumbersReserved, CardNumberPoolReply> Type(TimeProvider time, ulong capacity)
    {
        var entity = new CardNumberPoolEntity(time, capacity);
        return new("card-numbers", entity, entity, entity);
    }

    public CardNumberPoolState CreateState(string key) => new();

    public Effect<CardNumbersReserved, CardNumberPoolReply> Decide(CardNumberPoolState state, ReserveCardNumbers command)
    {
        var decision = CardNumberPoolDecider.Decide(state, command, new CardNumberPoolContext(time.GetUtcNow(), capacity));
        return Effect<CardNumbersReserved, CardNumberPoolReply>.PersistIfAny(decision.Event, decision.Reply);
    }

    public CardNumberPoolState Apply(CardNumberPoolState state, CardNumbersReserved @event)
    {
        state.Apply(@event);
        return state;
    }

    public DateTimeOffset? NextDeadline(CardNumberPoolState state) => null;

    public ReserveCardNumbers DeadlineReached(DateTimeOffset now) =>
        throw new InvalidOperationException("Card-number pools set no deadlines.");

    public CardNumberPoolReply FailureReply(EntityFailure failure) =>
        new(false, 0, 0, new FieldError("cardNumbers", failure == EntityFailure.Crashed ? "internal error, nothing reserved" : "temporarily unavailable, retry"));

    public void WriteEvent(CardNumbersReserved @event, IBufferWriter<byte> output) => CardNumberPoolEventCodec.Encode(@event, output);

    public CardNumbersReserved ReadEvent(ReadOnlySpan<byte> payload) => CardNumberPoolEventCodec.Decode(payload);

    public void WriteSnapshot(CardNumberPoolState state, IBufferWriter<byte> output) => CardNumberPoolSnapshotCodec.Encode(state, output);

    public CardNumberPoolState ReadSnapshot(string key, ReadOnlySpan<byte> payload) => CardNumberPoolSnapshotCodec.Decode(payload);

    public string PersistenceIdOf(string key) => Prefix + key;

    public bool TryParsePersistenceId(string persistenceId, out string key)
    {
        key = persistenceId.StartsWith(Prefix, StringComparison.Ordinal) ? persistenceId[Prefix.Length..] : "";
        return key.Length > 0;
    }

    public ulong StableHash(string key) => ShardHash.Of(key);
}
