using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// Damages valid framed requests the way a broken terminal, a noisy line or an attacker would:
/// flipped bits, overwritten, inserted and deleted bytes, damaged length prefixes and bitmaps,
/// truncation, frames spliced together, a wrong or impossible length header. Most results get a
/// header that matches their new length, so that the gateway's parser (not only its framer) meets
/// them. Seeded: the same seed gives the same bytes.
/// </summary>
internal sealed class WireMutator(IReadOnlyList<byte[]> corpus, int seed)
{
    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        var bytes = new List<byte>(corpus[_random.Next(corpus.Count)]);
        var headerFollows = _random.Next(10) < 8;
        var rounds = _random.Next(1, 4);
        for (var round = 0; round < rounds && bytes.Count > Iso8583Framing.HeaderLength; round++)
        {
            var at = Iso8583Framing.HeaderLength + _random.Next(bytes.Count - Iso8583Framing.HeaderLength);
            switch (_random.Next(11))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 2:
                    bytes.InsertRange(at, RandomBytes(_random.Next(1, 9)));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(_random.Next(1, 9), bytes.Count - at));
                    break;
                case 4:
                    // The MTI and the bitmaps: what the parser reads first and trusts most.
                    var structural = Iso8583Framing.HeaderLength + _random.Next(Math.Min(18, bytes.Count - Iso8583Framing.HeaderLength));
                    bytes[structural] ^= (byte)(1 << _random.Next(8));
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 6:
                    // A BCD length prefix or digit gone wrong: a nibble above 9.
                    bytes[at] = (byte)((bytes[at] & 0x0F) | (_random.Next(10, 16) << 4));
                    break;
                case 7:
                    bytes.AddRange(corpus[_random.Next(corpus.Count)]);
                    break;
                case 8:
                    var donor = corpus[_random.Next(corpus.Count)];
                    var from = Iso8583Framing.HeaderLength + _random.Next(donor.Length - Iso8583Framing.HeaderLength);
                    bytes.InsertRange(at, donor.Skip(from).Take(_random.Next(1, 24)));
                    break;
                case 9:
                    bytes.AddRange(RandomBytes(_random.Next(1, 32)));
                    break;
                default:
                    headerFollows = false;
                    var declared = _random.Next(4) switch
                    {
                        0 => 0,
                        1 => Iso8583Framing.MaxMessageLength + _random.Next(1, 64),
                        2 => bytes.Count - Iso8583Framing.HeaderLength + _random.Next(-4, 5),
                        _ => _random.Next(65_536),
                    };
                    SetHeader(bytes, Math.Clamp(declared, 0, ushort.MaxValue));
                    break;
            }
        }

        if (headerFollows && bytes.Count > Iso8583Framing.HeaderLength)
        {
            SetHeader(bytes, Math.Min(bytes.Count - Iso8583Framing.HeaderLength, ushort.MaxValue));
        }

        return [.. bytes];
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static void SetHeader(List<byte> bytes, int length)
    {
        bytes[0] = (byte)(length >> 8);
        bytes[1] = (byte)length;
    }
}
