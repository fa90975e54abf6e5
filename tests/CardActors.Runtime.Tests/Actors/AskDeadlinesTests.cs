using CardActors.Runtime.Actors;
using CardActors.Runtime.Ask;
using CardActors.TestKit;

namespace CardActors.Runtime.Tests.Actors;

public sealed class AskDeadlinesTests
{
    private sealed class Target : IDeadlineTarget
    {
        public List<long> Fired { get; } = [];

        public void OnDeadline(long version) => Fired.Add(version);
    }

    private sealed class EchoActor : Actor<string, string>
    {
        protected override void Receive(in Delivery<string, string> delivery)
        {
            if (delivery.Message != "ignore")
            {
                delivery.Reply(delivery.Message);
            }
        }
    }

    [Fact]
    public void An_entry_is_due_only_while_armed_and_only_with_the_version_it_was_armed_for()
    {
        var entry = new DeadlineEntry(new Target());
        Assert.False(entry.IsDue(long.MaxValue - 1, out _));

        entry.Arm(version: 7, dueTimestamp: 100);
        Assert.False(entry.IsDue(99, out _));
        Assert.True(entry.IsDue(100, out var version));
        Assert.Equal(7, version);

        entry.Disarm();
        Assert.False(entry.IsDue(1_000, out _));

        entry.Arm(version: 8, dueTimestamp: 300);
        Assert.False(entry.IsDue(200, out _));
        Assert.True(entry.IsDue(300, out version));
        Assert.Equal(8, version);
    }

    [Fact]
    public void The_sweep_fires_each_due_entry_with_its_version_and_leaves_the_rest()
    {
        var time = new ManualTimeProvider();
        using var deadlines = new AskDeadlines(time, TimeSpan.FromHours(1)); // swept by hand here
        var early = new Target();
        var late = new Target();
        var earlyEntry = new DeadlineEntry(early);
        var lateEntry = new DeadlineEntry(late);
        deadlines.Arm(earlyEntry, 1, TimeSpan.FromSeconds(1));
        deadlines.Arm(lateEntry, 2, TimeSpan.FromSeconds(3));

        time.Advance(TimeSpan.FromSeconds(2));
        deadlines.Sweep();
        Assert.Equal([1L], early.Fired);
        Assert.Empty(late.Fired);

        earlyEntry.Disarm(); // what the target does when the deadline completes its ask
        time.Advance(TimeSpan.FromSeconds(2));
        deadlines.Sweep();
        Assert.Equal([1L], early.Fired);
        Assert.Equal([2L], late.Fired);
        Assert.Equal(2, deadlines.Count);
    }

    [Fact]
    public void An_entry_moves_to_the_system_it_asks_in_and_can_be_forgotten()
    {
        var time = new ManualTimeProvider();
        using var first = new AskDeadlines(time, TimeSpan.FromHours(1));
        using var second = new AskDeadlines(time, TimeSpan.FromHours(1));
        var target = new Target();
        var entry = new DeadlineEntry(target);

        first.Arm(entry, 1, TimeSpan.FromSeconds(1));
        entry.Disarm();
        second.Arm(entry, 2, TimeSpan.FromSeconds(1));
        Assert.Equal(0, first.Count);
        Assert.Equal(1, second.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        first.Sweep();
        Assert.Empty(target.Fired);
        second.Sweep();
        Assert.Equal([2L], target.Fired);

        second.Forget(entry);
        Assert.Equal(0, second.Count);
        Assert.Throws<InvalidOperationException>(() => second.Forget(entry));
    }

    [Fact]
    public async Task The_list_follows_the_envelopes_in_use_not_the_number_of_asks()
    {
        var time = new ManualTimeProvider();
        using var system = new ActorSystem(time: time);
        var echo = system.Spawn("echo", new EchoActor());

        for (var i = 0; i < 2_000; i++)
        {
            Assert.Equal("hello", await echo.Ask("hello", TimeSpan.FromSeconds(1)));
        }

        // Sequential asks reuse pooled envelopes: a handful of entries, whichever threads ran them.
        Assert.InRange(system.Deadlines.Count, 1, 64);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("again", await echo.Ask("again", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Replies_and_deadlines_racing_on_reused_envelopes_lose_no_ask()
    {
        // Asks answered or ignored at random while sweeps run between them: every ignored ask fails
        // with a timeout once its time has passed and every answered one gets its own reply.
        const int seed = 20261123;
        var random = new Random(seed);
        var time = new ManualTimeProvider();
        using var system = new ActorSystem(time: time);
        var echo = system.Spawn("echo", new EchoActor());

        for (var round = 0; round < 30; round++)
        {
            var asks = new List<(bool Ignored, string Text, Task<string> Reply)>();
            for (var i = 0; i < 40; i++)
            {
                var ignored = random.Next(3) == 0;
                var text = ignored ? "ignore" : $"r{round}-{i}";
                asks.Add((ignored, text, echo.Ask(text, TimeSpan.FromMilliseconds(500 + random.Next(500))).AsTask()));
                if (random.Next(8) == 0)
                {
                    system.SweepDeadlines();
                }
            }

            foreach (var (ignored, text, reply) in asks.Where(a => !a.Ignored))
            {
                Assert.True(text == await reply, $"seed {seed}, round {round}: wrong reply");
            }

            time.Advance(TimeSpan.FromMilliseconds(1_020));
            foreach (var (_, _, reply) in asks.Where(a => a.Ignored))
            {
                await Assert.ThrowsAsync<AskTimeoutException>(() => reply);
            }
        }
    }
}
