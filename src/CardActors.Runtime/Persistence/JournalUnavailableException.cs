namespace CardActors.Runtime.Persistence;

/// <summary>The journal cannot be reached or answered too late. Retryable: nothing is known to be lost.</summary>
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException()
        : base("The journal is unavailable.")
    {
    }

    public JournalUnavailableException(string message)
        : base(message)
    {
    }

    public JournalUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
