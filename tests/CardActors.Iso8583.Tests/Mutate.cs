using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>Surgical edits of a valid message body (no length header), located through the parser.</summary>
internal static class Mutate
{
    public static byte[] Body(string sample) => Samples.Frame(sample)[2..];

    /// <summary>Offset of the field's encoding (length prefix included) within <paramref name="body"/>.</summary>
    public static (int Start, int Length) Locate(byte[] body, int field)
    {
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(body, out var error), error.ToString());
        var raw = message.GetRaw(field);
        Assert.True(message.Frame.Overlaps(raw, out var offset));
        var prefix = FieldSpecs.Get(field).PrefixBytes;
        return (offset - prefix, prefix + raw.Length);
    }

    /// <summary>Replaces the field's whole encoding (prefix included) with <paramref name="encoded"/>.</summary>
    public static byte[] Replace(byte[] body, int field, params byte[] encoded)
    {
        var (start, length) = Locate(body, field);
        return [.. body.AsSpan(0, start), .. encoded, .. body.AsSpan(start + length)];
    }

    /// <summary>Sets one byte at an offset relative to the start of the field's encoding.</summary>
    public static byte[] SetByte(byte[] body, int field, int index, byte value)
    {
        var copy = body.ToArray();
        copy[Locate(body, field).Start + index] = value;
        return copy;
    }

    /// <summary>Inserts bytes right after the field's encoding.</summary>
    public static byte[] InsertAfter(byte[] body, int field, params byte[] bytes)
    {
        var (start, length) = Locate(body, field);
        var end = start + length;
        return [.. body.AsSpan(0, end), .. bytes, .. body.AsSpan(end)];
    }

    /// <summary>Sets a bitmap bit (field 1–128) without touching anything else.</summary>
    public static byte[] SetBit(byte[] body, int field)
    {
        var copy = body.ToArray();
        var offset = field <= 64 ? 2 + (field - 1) / 8 : 10 + (field - 65) / 8;
        copy[offset] |= (byte)(0x80 >> ((field - 1) % 8));
        return copy;
    }

    public static byte[] Build(Action<Iso8583MessageBuilder> build, bool mac = true)
    {
        using var builder = new Iso8583MessageBuilder { CheckPresence = false };
        build(builder);
        var buffer = new byte[Iso8583Framing.MaxMessageLength];
        var length = builder.WriteTo(buffer, mac ? Samples.Key : null);
        return buffer[..length];
    }
}
