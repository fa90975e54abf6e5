namespace CardActors.Node.Tests.Iso.Support;

/// <summary>How a test request is authenticated.</summary>
internal enum PosMac
{
    /// <summary>MACed with the terminal's key (field 64, or 128 with a secondary bitmap).</summary>
    Valid,

    /// <summary>No MAC field at all.</summary>
    None,

    /// <summary>A MAC field whose last byte is wrong.</summary>
    Wrong,
}
