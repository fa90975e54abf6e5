namespace CardActors.Domain.Merchants;

/// <summary>A usage project (scene) a merchant serves: canteen, parking, pool, shop, online…; zero means "none".</summary>
public readonly record struct ProjectId(uint Value)
{
    public bool IsNone => Value == 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
