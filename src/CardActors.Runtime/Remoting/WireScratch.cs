using System.Buffers;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// A per-thread buffer to encode one payload into before it is copied into a connection's outbox:
/// the encoder runs outside the outbox's lock, and nothing is allocated per message.
/// </summary>
internal static class WireScratch
{
    private const int RetainedBytes = 64 * 1024; // a larger one (a rare big payload) is not kept
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(512);
        t_buffer = null; // a nested use on the same thread gets its own
        buffer.ResetWrittenCount();
        return buffer;
    }

    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= RetainedBytes)
        {
            t_buffer = buffer;
        }
    }
}
