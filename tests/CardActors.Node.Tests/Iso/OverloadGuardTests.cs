using CardActors.Node.Gateway;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// The gateway's admission control (docs/operations.md, "Overload"): shedding begins only when
/// most decisions of an interval took longer than the target, or nothing completed while work
/// waited past it, and ends once decisions are timely again or nothing is outstanding.
/// </summary>
public sealed class OverloadGuardTests
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly SteppedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly List<(bool Shedding, OverloadGuard.Reading Reading)> _changes = [];

    private OverloadGuard Guard(TimeSpan? target = null)
    {
        var guard = new OverloadGuard(_clock, target ?? Target, Interval);
        guard.Changed += (shedding, reading) => _changes.Add((shedding, reading));
        return guard;
    }

    /// <summary>Admits a request now, lets <paramref name="took"/> pass and completes it.</summary>
    private void Decide(OverloadGuard guard, TimeSpan took)
    {
        var received = _clock.GetTimestamp();
        Assert.True(guard.TryAdmit(received));
        _clock.Advance(took);
        guard.Completed(received, _clock.GetTimestamp());
    }

    /// <summary>Completes a request received at the given timestamp, decided now.</summary>
    private Action<long> CompletedNow(OverloadGuard guard) => received => guard.Completed(received, _clock.GetTimestamp());

    /// <summary>Admits <paramref name="count"/> requests now.</summary>
    private List<long> Admit(OverloadGuard guard, int count)
    {
        var received = new List<long>();
        for (var i = 0; i < count; i++)
        {
            received.Add(_clock.GetTimestamp());
            Assert.True(guard.TryAdmit(received[^1]));
        }

        return received;
    }

    [Fact]
    public void Quick_decisions_never_shed()
    {
        var guard = Guard();
        for (var i = 0; i < 200; i++)
        {
            Decide(guard, TimeSpan.FromMilliseconds(20));
        }

        Assert.False(guard.IsShedding);
        Assert.Empty(_changes);
    }

    [Fact]
    public void A_minority_of_slow_decisions_is_a_burst_not_overload()
    {
        var guard = Guard();
        var slow = new Queue<List<long>>();
        for (var interval = 0; interval < 8; interval++)
        {
            slow.Enqueue(Admit(guard, 10)); // decided three intervals later: 1.5 s each
            var quick = Admit(guard, 11);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            quick.ForEach(CompletedNow(guard)); // 0.1 s each
            if (slow.Count == 4)
            {
                slow.Dequeue().ForEach(CompletedNow(guard));
            }

            _clock.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.False(guard.IsShedding);
        Assert.Empty(_changes);
    }

    [Fact]
    public void Quick_answers_that_wait_for_nothing_do_not_hide_a_queue()
    {
        var guard = Guard();
        var writes = Admit(guard, 30);
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Admit(guard, 10).ForEach(CompletedNow(guard)); // balance inquiries on idle cards: no wait at all
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        writes.ForEach(CompletedNow(guard)); // 1.2 s behind the journal; the first of them closes the first interval
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Admit(guard, 10).ForEach(CompletedNow(guard));
        Assert.False(guard.IsShedding);

        _clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.True(guard.IsShedding);
        Assert.Equal([(true, new OverloadGuard.Reading(39, 29, TimeSpan.FromMilliseconds(400)))], _changes);
    }

    [Fact]
    public void Shedding_lasts_while_the_backlog_drains_and_ends_when_nothing_is_outstanding()
    {
        var guard = Guard();
        var queued = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            queued.AddRange(Admit(guard, 1)); // 0 to 0.98 s: a queue builds up
            _clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        // At 1.5 s the first half is decided, every one of them after more than the target.
        _clock.Advance(Interval);
        queued.Take(25).ToList().ForEach(CompletedNow(guard));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Single(_changes);
        Assert.True(_changes[0].Shedding);

        // At 2.0 s the rest is decided, as slowly: the next interval sheds too.
        _clock.Advance(Interval);
        queued.Skip(25).ToList().ForEach(CompletedNow(guard));
        _clock.Advance(Interval);
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));

        // Drained: an interval with nothing outstanding and nothing decided ends the shedding.
        _clock.Advance(Interval);
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.False(guard.IsShedding);
        Assert.Equal(2, _changes.Count);
        Assert.Equal((false, new OverloadGuard.Reading(0, 0, TimeSpan.FromSeconds(1))), _changes[1]);
    }

    [Fact]
    public void Timely_decisions_end_the_shedding_at_the_next_interval()
    {
        var guard = Guard();
        var slow = Admit(guard, 3);
        _clock.Advance(TimeSpan.FromMilliseconds(450));
        var later = Admit(guard, 3); // other cards, with short queues
        _clock.Advance(TimeSpan.FromMilliseconds(750));
        slow.ForEach(CompletedNow(guard)); // 1.2 s: the first closes an interval of its own and begins the shedding
        Assert.True(guard.IsShedding);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        later.ForEach(CompletedNow(guard)); // 0.8 s: three timely decisions outvote the other two slow ones

        _clock.Advance(TimeSpan.FromMilliseconds(449));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Equal([true, false], _changes.Select(c => c.Shedding));
        Assert.Equal(new OverloadGuard.Reading(5, 2, TimeSpan.FromMilliseconds(450)), _changes[1].Reading);
    }

    [Fact]
    public void Work_outstanding_past_the_target_with_nothing_decided_is_a_stall()
    {
        var guard = Guard();
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        _clock.Advance(Interval);
        Assert.True(guard.TryAdmit(_clock.GetTimestamp())); // half a second without progress: not yet
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.True(guard.IsShedding);
        Assert.Equal([(true, new OverloadGuard.Reading(0, 0, TimeSpan.FromMilliseconds(1100)))], _changes);
    }

    [Fact]
    public void The_first_request_after_an_idle_hour_is_admitted()
    {
        var guard = Guard();
        Decide(guard, TimeSpan.FromMilliseconds(3));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        _clock.Advance(Interval);
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Empty(_changes);
    }

    [Fact]
    public void A_zero_target_never_sheds()
    {
        var guard = Guard(TimeSpan.Zero);
        Assert.False(guard.Enabled);
        var received = _clock.GetTimestamp();
        Assert.True(guard.TryAdmit(received));
        _clock.Advance(TimeSpan.FromSeconds(30));
        guard.Completed(received, _clock.GetTimestamp());
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Empty(_changes);
    }
}
