namespace CardActors.Iso8583;

/// <summary>A terminal's 32-byte MAC key. Its bytes never leave this assembly except through <see cref="CopyTo"/>.</summary>
public sealed class MacKey
{
    public const int Length = 32;
    private readonly byte[] _key;

    public MacKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException($"A MAC key is exactly {Length} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>A key from 64 hexadecimal characters, the form the HTTP API provisions.</summary>
    public static MacKey FromHex(string hex) => new(Convert.FromHexString(hex));

    internal ReadOnlySpan<byte> Span => _key;

    /// <summary>Copies the key, for persisting it; callers own the copy's secrecy.</summary>
    public void CopyTo(Span<byte> destination) => _key.CopyTo(destination);

    public override string ToString() => "MacKey(32 bytes)";
}
