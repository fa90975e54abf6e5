using System.Buffers.Binary;
using System.Text.Unicode;

namespace CardActors.Domain.Identifiers;

/// <summary>
/// The 128-bit key under which a money movement is remembered: a repeat of the same key returns
/// the first outcome and moves nothing. Built either from a client's own key string (hashed with
/// <see cref="StableHash128"/>) or from the ISO 8583 duplicate-detection fields. Zero means "none".
/// </summary>
public readonly record struct IdempotencyKey(ulong High, ulong Low)
{
    public const int MaxClientKeyLength = 128;
    private const string Field = "idempotencyKey";
    private const ulong ClientKeyDomain = 0x436C69656E744B79UL;
    private const ulong PartsDomain = 0x49534F3835383331UL;
    private const ulong ReferenceDomain = 0x5265666572656E63UL;

    public bool IsNone => High == 0 && Low == 0;

    public static IdempotencyKey None => default;

    /// <summary>A client-chosen key (HTTP Idempotency-Key header, batch line id): 1 to 128 characters.</summary>
    public static bool TryFromClientKey(ReadOnlySpan<char> clientKey, out IdempotencyKey key, out FieldError error)
    {
        key = default;
        if (clientKey.IsEmpty || clientKey.Length > MaxClientKeyLength)
        {
            error = new FieldError(Field, "must be 1 to 128 characters");
            return false;
        }
        Span<byte> utf8 = stackalloc byte[MaxClientKeyLength * 3];
        if (Utf8.FromUtf16(clientKey, utf8, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            error = new FieldError(Field, "must be valid Unicode text");
            return false;
        }
        key = FromHash(StableHash128.Hash(utf8[..written], ClientKeyDomain));
        error = default;
        return true;
    }

    /// <summary>A client-chosen key given as UTF-8 bytes; the same text gives the same key as the char overload.</summary>
    public static bool TryFromClientKey(ReadOnlySpan<byte> clientKeyUtf8, out IdempotencyKey key, out FieldError error)
    {
        key = default;
        if (clientKeyUtf8.IsEmpty || clientKeyUtf8.Length > MaxClientKeyLength * 3)
        {
            error = new FieldError(Field, "must be 1 to 128 characters");
            return false;
        }
        if (!Utf8.IsValid(clientKeyUtf8))
        {
            error = new FieldError(Field, "must be valid UTF-8");
            return false;
        }
        key = FromHash(StableHash128.Hash(clientKeyUtf8, ClientKeyDomain));
        error = default;
        return true;
    }

    public static IdempotencyKey FromClientKey(ReadOnlySpan<char> clientKey) =>
        TryFromClientKey(clientKey, out var key, out var error) ? key : throw new FormatException(error.ToString());

    /// <summary>
    /// The ISO 8583 duplicate-detection key: acquirer id (field 32), terminal id (41), STAN (11)
    /// and transmission date-time (7, MMDDhhmmss as a number).
    /// </summary>
    public static IdempotencyKey FromParts(ulong acquirerId, TerminalId terminalId, int stan, long transmissionDateTime)
    {
        Span<byte> layout = stackalloc byte[28];
        BinaryPrimitives.WriteUInt64LittleEndian(layout, acquirerId);
        BinaryPrimitives.WriteUInt64LittleEndian(layout[8..], terminalId.Packed);
        BinaryPrimitives.WriteInt32LittleEndian(layout[16..], stan);
        BinaryPrimitives.WriteInt64LittleEndian(layout[20..], transmissionDateTime);
        return FromHash(StableHash128.Hash(layout, PartsDomain));
    }

    /// <summary>
    /// The duplicate-detection key for refunds and reversals: the parts above plus the retrieval
    /// reference number (field 37, 12 characters).
    /// </summary>
    public static IdempotencyKey FromParts(ulong acquirerId, TerminalId terminalId, int stan, long transmissionDateTime, ReadOnlySpan<byte> retrievalReference)
    {
        if (retrievalReference.Length > 12)
        {
            throw new ArgumentException("retrievalReference: must be at most 12 characters", nameof(retrievalReference));
        }
        Span<byte> layout = stackalloc byte[40];
        layout.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(layout, acquirerId);
        BinaryPrimitives.WriteUInt64LittleEndian(layout[8..], terminalId.Packed);
        BinaryPrimitives.WriteInt32LittleEndian(layout[16..], stan);
        BinaryPrimitives.WriteInt64LittleEndian(layout[20..], transmissionDateTime);
        retrievalReference.CopyTo(layout[28..]);
        return FromHash(StableHash128.Hash(layout, ReferenceDomain));
    }

    public override string ToString() => High.ToString("X16", System.Globalization.CultureInfo.InvariantCulture)
        + Low.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    // The all-zero value means "none", so a hash that happens to be zero is nudged to one.
    private static IdempotencyKey FromHash((ulong High, ulong Low) hash) =>
        hash.High == 0 && hash.Low == 0 ? new IdempotencyKey(0, 1) : new IdempotencyKey(hash.High, hash.Low);
}
