using CardActors.Domain.Monetary;

namespace CardActors.Domain.Merchants;

public enum SettlementPeriod : byte
{
    /// <summary>Each business day, paid the next day (T+1).</summary>
    Daily = 1,
    Weekly = 2,
    Monthly = 3,
}

/// <summary>
/// How often a merchant is paid and the fee rate on its net sales. The defaults are a one-card
/// operator's schedule: daily T+1 at 0.5 %, weekly at 0.3 %, monthly free.
/// </summary>
public readonly record struct SettlementCycle(SettlementPeriod Period, BasisPoints FeeRate)
{
    public static SettlementCycle DailyDefault => new(SettlementPeriod.Daily, new BasisPoints(50));

    public static SettlementCycle WeeklyDefault => new(SettlementPeriod.Weekly, new BasisPoints(30));

    public static SettlementCycle MonthlyDefault => new(SettlementPeriod.Monthly, BasisPoints.Zero);

    public static SettlementCycle DefaultFor(SettlementPeriod period) => period switch
    {
        SettlementPeriod.Daily => DailyDefault,
        SettlementPeriod.Weekly => WeeklyDefault,
        SettlementPeriod.Monthly => MonthlyDefault,
        _ => throw new ArgumentOutOfRangeException(nameof(period), "settlementCycle.period: must be Daily, Weekly or Monthly"),
    };

    public bool IsValid => Period is SettlementPeriod.Daily or SettlementPeriod.Weekly or SettlementPeriod.Monthly
        && FeeRate.Value is >= 0 and <= BasisPoints.PerWhole;

    /// <summary>The fee on <paramref name="netSales"/>, rounded by the project's one rule (half up).</summary>
    public Money FeeOn(Money netSales) => netSales.ApplyRate(FeeRate);
}
