namespace CardActors.Domain.Monetary;

/// <summary>Arithmetic between amounts of two currencies: a programming error, never a business outcome.</summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    public CurrencyMismatchException()
        : base("money: cannot combine amounts of different currencies")
    {
    }

    public CurrencyMismatchException(string message)
        : base(message)
    {
    }

    public CurrencyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static CurrencyMismatchException Between(Currency left, Currency right) =>
        new($"money: cannot combine currency {left} with currency {right}");
}
