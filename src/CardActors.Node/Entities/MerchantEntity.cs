using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Entities;

/// <summary>Hosts the domain's merchant decider as a kernel entity.</summary>
internal sealed class MerchantEntity(TimeProvider time)
    : IEntityBehavior<MerchantId, MerchantState, MerchantCommand, MerchantEvent, MerchantReply>,
      IEntityCodec<MerchantId, MerchantState, MerchantEvent>,
      IEntityIdentity<MerchantId>
{
    public const string Prefix = "merchant|";

    public static EntityType<MerchantId, MerchantState, MerchantCommand, MerchantEvent, MerchantReply> Type(TimeProvider time)
    {
        var entity = new MerchantEntity(time);
        return new("merchant", entity, entity, entity);
    }

    public MerchantState CreateState(MerchantId key) => new();

    public Effect<MerchantEvent, MerchantReply> Decide(MerchantState state, MerchantCommand command)
    {
        var decision = MerchantDecider.Decide(state, command, new MerchantContext(time.GetUtcNow()));
        return Effect<MerchantEvent, MerchantReply>.PersistIfAny(decision.Event, decision.Reply);
    }

    public MerchantState Apply(MerchantState state, MerchantEvent @event)
    {
        state.Apply(@event);
        return state;
    }

    public DateTimeOffset? NextDeadline(MerchantState state) => null;

    public MerchantCommand DeadlineReached(DateTimeOffset now) =>
        throw new InvalidOperationException("Merchants set no deadlines.");

    public MerchantReply FailureReply(EntityFailure failure) => new(false, MerchantRejection.Unavailable, 0);

    public void WriteEvent(MerchantEvent @event, IBufferWriter<byte> output) => MerchantEventCodec.Encode(@event, output);

    public MerchantEvent ReadEvent(ReadOnlySpan<byte> payload) => MerchantEventCodec.Decode(payload);

    public void WriteSnapshot(MerchantState state, IBufferWriter<byte> output) => MerchantSnapshotCodec.Encode(state, output);

    public MerchantState ReadSnapshot(MerchantId key, ReadOnlySpan<byte> payload) => MerchantSnapshotCodec.Decode(payload);

    public string PersistenceIdOf(MerchantId key) => Prefix + key.ToString();

    public bool TryParsePersistenceId(string persistenceId, out MerchantId key)
    {
        key = default;
        return persistenceId.StartsWith(Prefix, StringComparison.Ordinal)
            && MerchantId.TryParse(persistenceId.AsSpan(Prefix.Length), out key, out _);
    }

    public ulong StableHash(MerchantId key) => ShardHash.Of(key.ToString());
}
