using System.Buffers;
using System.Collections.Immutable;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>
/// Snapshot format of the product catalog: version byte, the catalog version (i64), then the
/// counted products in id order, each in <see cref="CardProductCodec"/>'s format.
/// </summary>
public static class ProductCatalogSnapshotCodec
{
    public const byte Version1 = 1;

    public static int Encode(ProductCatalogState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        var writer = new CodecWriter(output);
        writer.WriteByte(Version1);
        writer.WriteInt64(state.Version);
        writer.WriteCount(state.Count);
        foreach (var product in state.All)
        {
            CardProductCodec.Write(ref writer, product);
        }
        return writer.Commit();
    }

    public static ProductCatalogState Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var version = reader.ReadByte();
        if (version != Version1)
        {
            throw new CodecException("product catalog snapshot: unknown version " + version);
        }
        var catalogVersion = reader.ReadInt64();
        var products = ImmutableArray.CreateBuilder<CardProduct>(reader.ReadCount());
        for (var i = products.Capacity; i > 0; i--)
        {
            products.Add(CardProductCodec.Read(ref reader));
        }
        reader.EnsureEnd();
        var state = new ProductCatalogState();
        try
        {
            state.Restore(catalogVersion, products.MoveToImmutable());
        }
        catch (InvalidOperationException ex)
        {
            throw new CodecException("product catalog snapshot: " + ex.Message, ex);
        }
        return state;
    }
}
