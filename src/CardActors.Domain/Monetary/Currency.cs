namespace CardActors.Domain.Monetary;

/// <summary>
/// An ISO 4217 currency: numeric code and minor-unit exponent. The fields are stored relative to
/// CNY so that <c>default(Currency)</c> — and therefore <c>default(Money)</c> — is CNY with
/// exponent 2, the network's home currency.
/// </summary>
public readonly struct Currency : IEquatable<Currency>
{
    private const ushort HomeCode = 156;
    private const byte HomeExponent = 2;

    private readonly ushort _codeFromHome;
    private readonly byte _exponentFromHome;

    private Currency(ushort numericCode, byte exponent)
    {
        _codeFromHome = (ushort)(numericCode ^ HomeCode);
        _exponentFromHome = (byte)(exponent ^ HomeExponent);
    }

    public static Currency Cny => default;

    public ushort NumericCode => (ushort)(_codeFromHome ^ HomeCode);

    /// <summary>Digits after the decimal point: 2 for CNY (fen), 0 for JPY.</summary>
    public byte Exponent => (byte)(_exponentFromHome ^ HomeExponent);

    public static bool TryCreate(int numericCode, int exponent, out Currency currency, out FieldError error)
    {
        currency = default;
        if (numericCode is < 1 or > 999)
        {
            error = new FieldError("currency", "ISO 4217 numeric code must be 1 to 999");
            return false;
        }
        if (exponent is < 0 or > 4)
        {
            error = new FieldError("currency", "minor-unit exponent must be 0 to 4");
            return false;
        }
        currency = new Currency((ushort)numericCode, (byte)exponent);
        error = default;
        return true;
    }

    public static Currency Create(int numericCode, int exponent) =>
        TryCreate(numericCode, exponent, out var currency, out var error)
            ? currency
            : throw new ArgumentOutOfRangeException(nameof(numericCode), error.ToString());

    public bool Equals(Currency other) =>
        _codeFromHome == other._codeFromHome && _exponentFromHome == other._exponentFromHome;

    public override bool Equals(object? obj) => obj is Currency other && Equals(other);

    public override int GetHashCode() => NumericCode;

    public static bool operator ==(Currency left, Currency right) => left.Equals(right);

    public static bool operator !=(Currency left, Currency right) => !left.Equals(right);

    public override string ToString() => NumericCode.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
