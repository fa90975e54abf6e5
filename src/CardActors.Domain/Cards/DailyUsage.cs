namespace CardActors.Domain.Cards;

/// <summary>Approved spending on one business day, for the product's daily limits.</summary>
public readonly record struct DailyUsage(DateOnly Date, long Amount, int Count)
{
    public DailyUsage On(DateOnly date) => date == Date ? this : new DailyUsage(date, 0, 0);
}
