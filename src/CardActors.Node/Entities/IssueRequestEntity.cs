using System.Buffers;
using System.Globalization;
using CardActors.Domain;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Entities;

/// <summary>
/// One card issue request per client idempotency key, remembering the card number it was given, so
/// that a retried request reaches the same card after a restart or on another node.
/// </summary>
internal sealed class IssueRequestEntity(TimeProvider time)
    : IEntityBehavior<IdempotencyKey, IssueRequestState, AssignCardNumber, CardNumberAssigned, IssueRequestReply>,
      IEntityCodec<IdempotencyKey, IssueRequestState, CardNumberAssigned>,
      IEntityIdentity<IdempotencyKey>
{
    private const string Prefix = "issue-request|";
    private const int KeyDigits = 32;

    public static EntityType<IdempotencyKey, IssueRequestState, AssignCardNumber, CardNumberAssigned, IssueRequestReply> Type(TimeProvider time)
    {
        var entity = new IssueRequestEntity(time);
        return new("issue-request", entity, entity, entity);
    }

    public IssueRequestState CreateState(IdempotencyKey key) => new();

    public Effect<CardNumberAssigned, IssueRequestReply> Decide(IssueRequestState state, AssignCardNumber command)
    {
        var decision = IssueRequestDecider.Decide(state, command, time.GetUtcNow());
        return Effect<CardNumberAssigned, IssueRequestReply>.PersistIfAny(decision.Event, decision.Reply);
    }

    public IssueRequestState Apply(IssueRequestState state, CardNumberAssigned @event)
    {
        state.Apply(@event);
        return state;
    }

    public DateTimeOffset? NextDeadline(IssueRequestState state) => null;

    public AssignCardNumber DeadlineReached(DateTimeOffset now) =>
        throw new InvalidOperationException("Issue requests set no deadlines.");

    public IssueRequestReply FailureReply(EntityFailure failure) =>
        new(false, default, false, new FieldError("Idempotency-Key", failure == EntityFailure.Crashed ? "internal error, nothing issued" : "temporarily unavailable, retry"));

    public void WriteEvent(CardNumberAssigned @event, IBufferWriter<byte> output) => IssueRequestEventCodec.Encode(@event, output);

    public CardNumberAssigned ReadEvent(ReadOnlySpan<byte> payload) => IssueRequestEventCodec.Decode(payload);

    public void WriteSnapshot(IssueRequestState state, IBufferWriter<byte> output) => IssueRequestSnapshotCodec.Encode(state, output);

    public IssueRequestState ReadSnapshot(IdempotencyKey key, ReadOnlySpan<byte> payload) => IssueRequestSnapshotCodec.Decode(payload);

    /// <summary>The key as 32 upper-case hex digits (high half first).</summary>
    public string PersistenceIdOf(IdempotencyKey key) => Prefix + key;

    public bool TryParsePersistenceId(string persistenceId, out IdempotencyKey key)
    {
        key = default;
        if (!persistenceId.StartsWith(Prefix, StringComparison.Ordinal) || persistenceId.Length != Prefix.Length + KeyDigits)
        {
            return false;
        }

        var digits = persistenceId.AsSpan(Prefix.Length);
        if (!ulong.TryParse(digits[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(digits[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        key = new IdempotencyKey(high, low);
        return !key.IsNone;
    }

    public ulong StableHash(IdempotencyKey key) => ShardHash.Of(key.High ^ key.Low);
}
