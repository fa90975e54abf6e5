namespace CardActors.Domain.Identifiers;

/// <summary>
/// Reference to a verified cardholder (real-name registration) kept elsewhere; the card holds only
/// this number, never personal data. Zero means "anonymous".
/// </summary>
public readonly record struct HolderId(ulong Value)
{
    public bool IsAnonymous => Value == 0;

    public static HolderId Anonymous => default;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
