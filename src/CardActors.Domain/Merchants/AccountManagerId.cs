namespace CardActors.Domain.Merchants;

/// <summary>The staff member who signed and looks after a merchant (for commission reports); zero means "none".</summary>
public readonly record struct AccountManagerId(uint Value)
{
    public bool IsNone => Value == 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
