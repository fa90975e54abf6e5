namespace CardActors.Iso8583;

/// <summary>Field 3, six digits TTFFTT: transaction type, from-account type, to-account type.</summary>
public readonly record struct ProcessingCode(int Value)
{
    public TransactionType TransactionType => (TransactionType)(Value / 10000);

    public int FromAccount => Value / 100 % 100;

    public int ToAccount => Value % 100;

    /// <summary>The processing code of <paramref name="type"/> with both account types 00 (default).</summary>
    public static ProcessingCode For(TransactionType type) => new((int)type * 10000);

    public override string ToString() => Value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
