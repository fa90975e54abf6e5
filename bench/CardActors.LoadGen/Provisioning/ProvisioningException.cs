namespace CardActors.LoadGen.Provisioning;

/// <summary>The node could not be reached, or refused to create what the run needs.</summary>
public sealed class ProvisioningException : Exception
{
    public ProvisioningException()
    {
    }

    public ProvisioningException(string message)
        : base(message)
    {
    }

    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
