namespace CardActors.LoadGen.Iso;

/// <summary>
/// Field 37, the retrieval reference number: 12 characters, unique per acquirer well beyond the
/// issuer's 8-day key retention. Five base-36 characters tag the run (the second it started, which
/// repeats only after about 700 days) and seven carry the request's sequence number, so a
/// follow-up rebuilds its original's RRN from the original's sequence alone.
/// </summary>
internal static class RetrievalReference
{
    public const int Length = 12;
    private const int TagLength = 5;
    private const int SequenceLength = Length - TagLength;
    private const long TagRange = 36L * 36 * 36 * 36 * 36;
    private const long SequenceRange = 36L * 36 * 36 * 36 * 36 * 36 * 36;

    /// <summary>The run tag for a run started at <paramref name="startedAt"/>.</summary>
    public static long RunTag(DateTimeOffset startedAt) => startedAt.ToUnixTimeSeconds() % TagRange;

    public static void Write(Span<byte> destination, long runTag, long sequence)
    {
        if ((ulong)runTag >= TagRange)
        {
            throw new ArgumentOutOfRangeException(nameof(runTag), runTag, "A run tag has five base-36 digits.");
        }

        if ((ulong)sequence >= SequenceRange)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "The sequence number exceeds seven base-36 digits.");
        }

        WriteBase36(destination[..TagLength], runTag);
        WriteBase36(destination.Slice(TagLength, SequenceLength), sequence);
    }

    private static void WriteBase36(Span<byte> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            var digit = (int)(value % 36);
            destination[i] = (byte)(digit < 10 ? '0' + digit : 'A' + digit - 10);
            value /= 36;
        }
    }
}
