namespace CardActors.LoadGen.Iso;

/// <summary>The gateway could not be reached, or refused to sign the terminals on, when the run started.</summary>
public sealed class IsoTargetException : Exception
{
    public IsoTargetException()
    {
    }

    public IsoTargetException(string message)
        : base(message)
    {
    }

    public IsoTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
