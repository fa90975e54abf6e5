using System.Security.Cryptography;

namespace CardActors.Iso8583;

/// <summary>
/// A terminal's 32-byte MAC key. Its bytes never leave this assembly except through <see cref="CopyTo"/>.
/// It keeps one keyed HMAC context for reuse: re-keying costs as much as hashing a whole message,
/// and one terminal's messages rarely overlap in time (an overlapping caller keys a context of its own).
/// </summary>
public sealed class MacKey
{
    public const int Length = 32;
    private readonly byte[] _key;
    private IncrementalHash? _idle;

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

    /// <summary>Copies the key, for persisting it; callers own the copy's secrecy.</summary>
    public void CopyTo(Span<byte> destination) => _key.CopyTo(destination);

    public override string ToString() => "MacKey(32 bytes)";

    /// <summary>Writes HMAC-SHA256(key, <paramref name="data"/>), 32 bytes, into <paramref name="hash"/>.</summary>
    internal void ComputeHmac(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var hmac = Interlocked.Exchange(ref _idle, null) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(data);
        if (!hmac.TryGetHashAndReset(hash, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            hmac.Dispose();
            throw new CryptographicException("HMAC-SHA256 did not produce 32 bytes.");
        }

        if (Interlocked.CompareExchange(ref _idle, hmac, null) is not null)
        {
            hmac.Dispose();
        }
    }
}
