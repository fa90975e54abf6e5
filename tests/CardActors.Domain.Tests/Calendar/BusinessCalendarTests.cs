using CardActors.Domain.Calendar;

namespace CardActors.Domain.Tests.Calendar;

public sealed class BusinessCalendarTests
{
    [Fact]
    public void Default_is_midnight_in_china_standard_time()
    {
        var calendar = BusinessCalendar.Default;
        // 15:59:59 UTC = 23:59:59 +08:00 on 1 March
        Assert.Equal(new DateOnly(2026, 3, 1), calendar.DateOf(new DateTimeOffset(2026, 3, 1, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 3, 2), calendar.DateOf(new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.Zero), calendar.StartOf(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Transactions_at_or_after_the_cut_off_belong_to_the_next_business_day()
    {
        var calendar = new BusinessCalendar(TimeSpan.FromHours(8), new TimeOnly(23, 0));
        var local = TimeSpan.FromHours(8);
        Assert.Equal(new DateOnly(2026, 3, 1), calendar.DateOf(new DateTimeOffset(2026, 3, 1, 22, 59, 59, local)));
        Assert.Equal(new DateOnly(2026, 3, 2), calendar.DateOf(new DateTimeOffset(2026, 3, 1, 23, 0, 0, local)));
        Assert.Equal(new DateOnly(2026, 3, 2), calendar.DateOf(new DateTimeOffset(2026, 3, 1, 23, 30, 0, local)));
        Assert.Equal(new DateOnly(2026, 3, 2), calendar.DateOf(new DateTimeOffset(2026, 3, 2, 0, 30, 0, local)));
        Assert.Equal(new DateOnly(2026, 3, 2), calendar.DateOf(new DateTimeOffset(2026, 3, 2, 22, 59, 0, local)));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 23, 0, 0, local), calendar.StartOf(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void The_offset_of_the_instant_does_not_matter()
    {
        var calendar = BusinessCalendar.Default;
        var utc = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(calendar.DateOf(utc), calendar.DateOf(utc.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal(new DateOnly(2027, 1, 1), calendar.DateOf(utc));
    }

    [Fact]
    public void Rejects_impossible_offsets() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessCalendar(TimeSpan.FromHours(15), TimeOnly.MinValue));
}
