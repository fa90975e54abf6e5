using CardActors.Node.Gateway;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// The gateway's admission control (docs/operations.md, "Overload"): shedding begins only when
/// every decision of an interval took longer than the target, or nothing completed while work
/// waited past it, and ends once the queue has drained.
/// </summary>
public sealed class OverloadGuardTests
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly SteppedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly List<(bool Shedding, TimeSpan Quickest)> _changes = [];

    private OverloadGuard Guard(TimeSpan? target = null)
    {
        var guard = new OverloadGuard(_clock, target ?? Target, Interval);
        guard.Changed += (shedding, quickest) => _changes.Add((shedding, quickest));
        return guard;
    }

    /// <summary>Admits a request now, lets <paramref name="took"/> pass and completes it.</summary>
    private void Decide(OverloadGuard guard, TimeSpan took)
    {
        var received = _clock.GetTimestamp();
        Assert.True(guard.TryAdmit(received));
        _clock.Advance(took);
        guard.Completed(received);
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
    public void Slow_decisions_with_one_quick_one_in_each_interval_are_a_burst_not_overload()
    {
        var guard = Guard();
        var slow = new List<long>();
        for (var interval = 0; interval < 6; interval++)
        {
            for (var i = 0; i < 10; i++)
            {
                var received = _clock.GetTimestamp();
                Assert.True(guard.TryAdmit(received));
                slow.Add(received);
            }

            Decide(guard, TimeSpan.FromMilliseconds(5));
            _clock.Advance(Interval);
            foreach (var received in slow)
            {
                guard.Completed(received); // each waited past the target
            }

            slow.Clear();
        }

        Assert.False(guard.IsShedding);
        Assert.Empty(_changes);
    }

    [Fact]
    public void An_interval_of_only_slow_decisions_sheds_until_the_queue_has_drained()
    {
        var guard = Guard();
        var queued = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            var received = _clock.GetTimestamp();
            Assert.True(guard.TryAdmit(received)); // 0 to 0.98 s: a queue builds up
            queued.Add(received);
            _clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        // At 1.5 s the first half is decided, every one of them after more than the target.
        _clock.Advance(Interval);
        foreach (var received in queued.Take(25))
        {
            guard.Completed(received);
        }

        Assert.True(guard.IsShedding);
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Equal([(true, TimeSpan.FromMilliseconds(1500))], _changes); // the decision that ended the interval

        // At 2.0 s the rest is decided, as slowly: the interval after it still sheds.
        _clock.Advance(Interval);
        foreach (var received in queued.Skip(25))
        {
            guard.Completed(received);
        }

        _clock.Advance(Interval);
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));

        // Drained: an interval with nothing outstanding and nothing completed ends the shedding.
        _clock.Advance(Interval);
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.False(guard.IsShedding);
        Assert.Equal(2, _changes.Count);
        Assert.False(_changes[1].Shedding);
    }

    [Fact]
    public void Quick_decisions_end_the_shedding_at_the_next_interval()
    {
        var guard = Guard();
        var slow = _clock.GetTimestamp();
        Assert.True(guard.TryAdmit(slow));
        _clock.Advance(TimeSpan.FromMilliseconds(450));
        var quicker = _clock.GetTimestamp(); // another card, with a short queue
        Assert.True(guard.TryAdmit(quicker));
        _clock.Advance(TimeSpan.FromMilliseconds(750));
        guard.Completed(slow); // 1.2 s: the interval's only decision
        Assert.True(guard.IsShedding);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        guard.Completed(quicker); // 0.8 s, in the next interval

        _clock.Advance(TimeSpan.FromMilliseconds(449));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Equal([(true, TimeSpan.FromMilliseconds(1200)), (false, TimeSpan.FromMilliseconds(800))], _changes);
    }

    [Fact]
    public void Work_outstanding_past_the_target_with_nothing_completing_is_a_stall()
    {
        var guard = Guard();
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        _clock.Advance(TimeSpan.FromMilliseconds(1900));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Equal([(true, TimeSpan.FromMilliseconds(1900))], _changes);
    }

    [Fact]
    public void A_stall_with_nothing_completing_sheds_once_the_oldest_request_has_waited_past_the_target()
    {
        var guard = Guard();
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        _clock.Advance(Interval);
        Assert.True(guard.TryAdmit(_clock.GetTimestamp())); // half a second without progress: not yet
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.False(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.True(guard.IsShedding);
        Assert.Equal([(true, TimeSpan.FromMilliseconds(1100))], _changes);
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
        guard.Completed(received);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(guard.TryAdmit(_clock.GetTimestamp()));
        Assert.Empty(_changes);
    }
}
