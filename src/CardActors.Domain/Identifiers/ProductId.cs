namespace CardActors.Domain.Identifiers;

/// <summary>A card product's number in the issuer's catalog; zero means "none".</summary>
public readonly record struct ProductId(uint Value)
{
    private const string Field = "productId";

    public bool IsNone => Value == 0;

    public static bool TryParse(ReadOnlySpan<char> text, out ProductId id, out FieldError error)
    {
        id = default;
        if (!uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            error = new FieldError(Field, "must be a decimal number of at most 10 digits");
            return false;
        }
        if (value == 0)
        {
            error = new FieldError(Field, "must not be zero");
            return false;
        }
        id = new ProductId(value);
        error = default;
        return true;
    }

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
