namespace CardActors.Iso8583;

/// <summary>
/// A set of field numbers as a 128-bit mask laid out like the wire bitmaps: field 1 is the most
/// significant bit, field 128 the least, so the high 64 bits are the primary bitmap and the low 64
/// bits the secondary.
/// </summary>
public static class FieldSet
{
    public static UInt128 Of(int field)
    {
        if (field is < 1 or > FieldNumber.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "ISO 8583 fields are numbered 1 to 128.");
        }

        return UInt128.One << (FieldNumber.Max - field);
    }

    /// <summary><see cref="Of(int)"/> for a field number already known to be 1–128.</summary>
    internal static UInt128 Bit(int field) => UInt128.One << (FieldNumber.Max - field);

    public static UInt128 Of(params ReadOnlySpan<int> fields)
    {
        var set = UInt128.Zero;
        foreach (var field in fields)
        {
            set |= Of(field);
        }

        return set;
    }

    public static bool Contains(UInt128 set, int field) =>
        (uint)(field - 1) < FieldNumber.Max && ((set >> (FieldNumber.Max - field)) & UInt128.One) != UInt128.Zero;

    /// <summary>The lowest-numbered field in <paramref name="set"/>, or 0 when it is empty.</summary>
    public static int Lowest(UInt128 set) => set == UInt128.Zero ? 0 : (int)UInt128.LeadingZeroCount(set) + 1;

    /// <summary>Fields 65–128: a message that has any needs a secondary bitmap.</summary>
    public static UInt128 Secondary => ulong.MaxValue;

    public static ulong Primary(UInt128 set) => (ulong)(set >> 64);

    public static ulong SecondaryHalf(UInt128 set) => (ulong)set;
}
