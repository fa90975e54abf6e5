namespace CardActors.Runtime.Ask;

/// <summary>No reply arrived before the ask's deadline. The request may or may not have been processed.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException()
        : base("No reply arrived before the ask's deadline; the request may or may not have been processed.")
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
