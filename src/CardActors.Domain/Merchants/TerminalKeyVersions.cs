namespace CardActors.Domain.Merchants;

/// <summary>
/// Which MAC key versions a terminal may use. The node derives each key from its master secret and
/// the version, so only these numbers are journaled, never key material. <see cref="Current"/> is 1
/// or more for a registered terminal; <see cref="Previous"/> is the version still accepted while a
/// rotation is under way, 0 when none. <c>default</c> means "not a terminal of this merchant".
/// </summary>
public readonly record struct TerminalKeyVersions(int Current, int Previous)
{
    /// <summary>The versions a newly registered terminal starts with when nothing forces a higher one.</summary>
    public static TerminalKeyVersions Initial => new(1, 0);

    public bool IsNone => Current == 0;

    public bool HasPrevious => Previous != 0;

    /// <summary>True when a message MAC'd with key <paramref name="version"/> is to be verified.</summary>
    public bool Accepts(int version) => version != 0 && (version == Current || version == Previous);

    /// <summary>Versions rise by one per rotation; a previous version is always below the current one.</summary>
    public bool IsValid => Current >= 1 && Previous >= 0 && Previous < Current;
}
