namespace CardActors.Domain.Identifiers;

/// <summary>Packs short fixed-width printable-ASCII identifiers into integers, byte 0 most significant.</summary>
internal static class AsciiText
{
    public static bool IsPrintable(int c) => c is >= 0x20 and <= 0x7E;

    public static bool TryPack(ReadOnlySpan<char> text, int start, int count, out ulong packed, out bool allSpaces)
    {
        packed = 0;
        allSpaces = true;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!IsPrintable(c))
            {
                return false;
            }
            allSpaces &= c == ' ';
            packed = (packed << 8) | c;
        }
        return true;
    }

    public static bool TryPack(ReadOnlySpan<byte> ascii, int start, int count, out ulong packed, out bool allSpaces)
    {
        packed = 0;
        allSpaces = true;
        for (var i = start; i < start + count; i++)
        {
            var c = ascii[i];
            if (!IsPrintable(c))
            {
                return false;
            }
            allSpaces &= c == ' ';
            packed = (packed << 8) | c;
        }
        return true;
    }

    public static void Unpack(ulong packed, int count, Span<char> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (char)(byte)packed;
            packed >>= 8;
        }
    }

    public static void Unpack(ulong packed, int count, Span<byte> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)packed;
            packed >>= 8;
        }
    }
}
