namespace CardActors.Domain.Merchants;

/// <summary>A merchant group or business district (a campus, a mall, a residential estate); zero means "none".</summary>
public readonly record struct MerchantGroupId(uint Value)
{
    public bool IsNone => Value == 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
