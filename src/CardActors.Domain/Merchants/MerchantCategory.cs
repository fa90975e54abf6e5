namespace CardActors.Domain.Merchants;

/// <summary>A merchant category code (ISO 18245, four digits), e.g. 5812 restaurants; zero means "none".</summary>
public readonly record struct MerchantCategory(ushort Code)
{
    public bool IsNone => Code == 0;

    public static bool TryCreate(int code, out MerchantCategory category, out FieldError error)
    {
        if (code is < 1 or > 9999)
        {
            category = default;
            error = new FieldError("merchantCategory", "must be 0001 to 9999");
            return false;
        }
        category = new MerchantCategory((ushort)code);
        error = default;
        return true;
    }

    public override string ToString() => Code.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
