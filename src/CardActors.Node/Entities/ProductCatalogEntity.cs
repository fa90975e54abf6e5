using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Products;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Entities;

/// <summary>The issuer's card products, as one entity (a few dozen products at most).</summary>
internal sealed class ProductCatalogEntity(TimeProvider time)
    : IEntityBehavior<string, ProductCatalogState, ProductCatalogCommand, ProductCatalogEvent, ProductCatalogReply>,
      IEntityCodec<string, ProductCatalogState, ProductCatalogEvent>,
      IEntityIdentity<string>
{
    /// <summary>The only key: there is one catalog per issuer.</summary>
    public const string Key = "products";
    private const string Prefix = "catalog|";

    public static EntityType<string, ProductCatalogState, ProductCatalogCommand, ProductCatalogEvent, ProductCatalogReply> Type(TimeProvider time)
    {
        var entity = new ProductCatalogEntity(time);
        return new("catalog", entity, entity, entity);
    }

    public ProductCatalogState CreateState(string key) => new();

    public Effect<ProductCatalogEvent, ProductCatalogReply> Decide(ProductCatalogState state, ProductCatalogCommand command)
    {
        var decision = ProductCatalogDecider.Decide(state, command, new ProductCatalogContext(time.GetUtcNow()));
        return Effect<ProductCatalogEvent, ProductCatalogReply>.PersistIfAny(decision.Event, decision.Reply);
    }

    public ProductCatalogState Apply(ProductCatalogState state, ProductCatalogEvent @event)
    {
        state.Apply(@event);
        return state;
    }

    public DateTimeOffset? NextDeadline(ProductCatalogState state) => null;

    public ProductCatalogCommand DeadlineReached(DateTimeOffset now) =>
        throw new InvalidOperationException("The product catalog sets no deadlines.");

    public ProductCatalogReply FailureReply(EntityFailure failure) =>
        new(false, [new("catalog", failure == EntityFailure.Crashed ? "internal error, nothing changed" : "temporarily unavailable, retry")], 0);

    public void WriteEvent(ProductCatalogEvent @event, IBufferWriter<byte> output) => ProductCatalogEventCodec.Encode(@event, output);

    public ProductCatalogEvent ReadEvent(ReadOnlySpan<byte> payload) => ProductCatalogEventCodec.Decode(payload);

    public void WriteSnapshot(ProductCatalogState state, IBufferWriter<byte> output) => ProductCatalogSnapshotCodec.Encode(state, output);

    public ProductCatalogState ReadSnapshot(string key, ReadOnlySpan<byte> payload) => ProductCatalogSnapshotCodec.Decode(payload);

    public string PersistenceIdOf(string key) => Prefix + key;

    public bool TryParsePersistenceId(string persistenceId, out string key)
    {
        key = persistenceId.StartsWith(Prefix, StringComparison.Ordinal) ? persistenceId[Prefix.Length..] : "";
        return key.Length > 0;
    }

    public ulong StableHash(string key) => ShardHash.Of(key);
}
