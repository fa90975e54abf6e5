namespace CardActors.Iso8583;

/// <summary>
/// A length header that no valid frame can have. The byte stream can no longer be split into
/// messages, so the connection is closed; no response is possible.
/// </summary>
public sealed class Iso8583FramingException : Exception
{
    public Iso8583FramingException(int declaredLength)
        : base($"Frame header declares {declaredLength} bytes; a message is 1 to {Iso8583Framing.MaxMessageLength} bytes.")
    {
        DeclaredLength = declaredLength;
    }

    public Iso8583FramingException()
        : base("Invalid frame header.")
    {
    }

    public Iso8583FramingException(string message)
        : base(message)
    {
    }

    public Iso8583FramingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int DeclaredLength { get; }
}
