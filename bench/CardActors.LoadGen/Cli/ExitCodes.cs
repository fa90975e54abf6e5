namespace CardActors.LoadGen.Cli;

/// <summary>The process's exit codes, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>The command ran to its end (whatever the error rate it measured).</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong: the message names the option.</summary>
    public const int Usage = 1;

    /// <summary>The node's HTTP API could not be reached or refused to provision, or the cache could not be used.</summary>
    public const int ProvisioningFailed = 2;

    /// <summary>The ISO 8583 gateway could not be reached, or refused to sign the terminals on.</summary>
    public const int TargetUnreachable = 3;

    /// <summary>Interrupted (Ctrl+C); reports of what was measured so far are still written.</summary>
    public const int Cancelled = 130;
}
