namespace CardActors.Domain.Encoding;

/// <summary>Bytes that are not a valid encoding: truncated, an unknown type tag or version, or a field out of range.</summary>
public sealed class CodecException : FormatException
{
    public CodecException()
    {
    }

    public CodecException(string message)
        : base(message)
    {
    }

    public CodecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
