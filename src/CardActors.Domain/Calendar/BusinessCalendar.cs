namespace CardActors.Domain.Calendar;

/// <summary>
/// Maps instants to business days: local time at a fixed UTC offset (default +08:00, no daylight
/// saving), and a cut-off time of day (default 00:00). A transaction at or after the cut-off
/// belongs to the next business day, so with a 23:00 cut-off, 23:30 on 1 March is business day 2 March.
/// </summary>
public sealed class BusinessCalendar
{
    public BusinessCalendar(TimeSpan utcOffset, TimeOnly cutOff)
    {
        if (utcOffset < TimeSpan.FromHours(-14) || utcOffset > TimeSpan.FromHours(14) || utcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(utcOffset), "utcOffset: must be whole minutes within ±14:00");
        }
        UtcOffset = utcOffset;
        CutOff = cutOff;
    }

    public static BusinessCalendar Default { get; } = new(TimeSpan.FromHours(8), TimeOnly.MinValue);

    public TimeSpan UtcOffset { get; }

    public TimeOnly CutOff { get; }

    /// <summary>The business day that <paramref name="instant"/> belongs to.</summary>
    public DateOnly DateOf(DateTimeOffset instant)
    {
        var local = instant.UtcDateTime + UtcOffset;
        var date = DateOnly.FromDateTime(local);
        return CutOff != TimeOnly.MinValue && TimeOnly.FromDateTime(local) >= CutOff ? date.AddDays(1) : date;
    }

    /// <summary>The first instant (UTC) of business day <paramref name="date"/>.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var startDate = CutOff == TimeOnly.MinValue ? date : date.AddDays(-1);
        var local = startDate.ToDateTime(CutOff, DateTimeKind.Unspecified);
        return new DateTimeOffset(local - UtcOffset, TimeSpan.Zero);
    }
}
