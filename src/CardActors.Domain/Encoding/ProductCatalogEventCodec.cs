using System.Buffers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Encoding;

/// <summary>
/// The journal format of product catalog events: tag byte, version byte, the instant, then the
/// product in <see cref="CardProductCodec"/>'s format (which carries its own version).
/// </summary>
public static class ProductCatalogEventCodec
{
    public const byte Version1 = 1;

    public static int Encode(ProductCatalogEvent catalogEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(catalogEvent);
        var writer = new CodecWriter(output);
        var (tag, product) = catalogEvent switch
        {
            ProductDefined e => (ProductCatalogEventTag.ProductDefined, e.Product),
            ProductRevised e => (ProductCatalogEventTag.ProductRevised, e.Product),
            _ => throw new CodecException("no encoding for product catalog event " + catalogEvent.GetType().Name),
        };
        writer.WriteByte((byte)tag);
        writer.WriteByte(Version1);
        writer.WriteInstant(catalogEvent.At);
        CardProductCodec.Write(ref writer, product);
        return writer.Commit();
    }

    public static ProductCatalogEvent Decode(ReadOnlySpan<byte> input)
    {
        var reader = new CodecReader(input);
        var tag = (ProductCatalogEventTag)reader.ReadByte();
        var version = reader.ReadByte();
        if (tag is not (ProductCatalogEventTag.ProductDefined or ProductCatalogEventTag.ProductRevised))
        {
            throw new CodecException("unknown product catalog event tag " + (byte)tag);
        }
        if (version != Version1)
        {
            throw new CodecException("product catalog event " + tag + ": unknown version " + version);
        }
        var at = reader.ReadInstant();
        var product = CardProductCodec.Read(ref reader);
        reader.EnsureEnd();
        return tag == ProductCatalogEventTag.ProductDefined ? new ProductDefined(at, product) : new ProductRevised(at, product);
    }
}
