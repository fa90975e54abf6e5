namespace CardActors.Iso8583;

/// <summary>Outcome of checking a request's MAC.</summary>
public enum MacVerification : byte
{
    /// <summary>Verified with the terminal's current key.</summary>
    Valid,

    /// <summary>Verified with the terminal's previous key (a rotation is in progress).</summary>
    ValidWithPreviousKey,

    /// <summary>The message has no MAC field.</summary>
    Missing,

    /// <summary>The MAC does not match any key of the terminal.</summary>
    Invalid,

    /// <summary>No key is provisioned for the terminal (or field 41 is absent).</summary>
    UnknownTerminal,
}
