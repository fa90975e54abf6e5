using CardActors.Runtime.Actors;
using CardActors.Runtime.Ask;
using CardActors.TestKit;

namespace CardActors.Runtime.Tests.Actors;

public sealed class AskTimeoutTests
{
    /// <summary>Keeps every delivery it gets and answers only when told to.</summary>
    private sealed class SilentActor : Actor<string, string>
    {
        public int Received;

        protected override void Receive(in Delivery<string, string> delivery)
        {
            Received++;
            if (delivery.Message == "answer")
            {
                delivery.Reply("answered");
            }
        }
    }

    [Fact]
    public async Task An_unanswered_ask_reports_a_timeout_at_its_deadline_and_not_before()
    {
        var time = new ManualTimeProvider();
        using var system = new ActorSystem(time: time);
        var self = system.Spawn("silent", new SilentActor());

        var pending = self.Ask("ignore", TimeSpan.FromSeconds(2)).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(1_900));
        Assert.False(pending.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAsync<AskTimeoutException>(() => pending);
    }

    [Fact]
    public async Task A_reply_beats_the_deadline_and_a_later_sweep_changes_nothing()
    {
        var time = new ManualTimeProvider();
        using var system = new ActorSystem(time: time);
        var self = system.Spawn("silent", new SilentActor());

        Assert.Equal("answered", await self.Ask("answer", TimeSpan.FromSeconds(1)));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("answered", await self.Ask("answer", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Many_asks_time_out_independently_with_pooled_envelopes_reused_in_between()
    {
        var time = new ManualTimeProvider();
        using var system = new ActorSystem(time: time);
        var actor = new SilentActor();
        var self = system.Spawn("silent", actor);

        for (var round = 0; round < 20; round++)
        {
            var ignored = Enumerable.Range(0, 50).Select(_ => self.Ask("ignore", TimeSpan.FromSeconds(1)).AsTask()).ToList();
            Assert.Equal("answered", await self.Ask("answer", TimeSpan.FromSeconds(10)));
            time.Advance(TimeSpan.FromMilliseconds(1_020));
            foreach (var task in ignored)
            {
                await Assert.ThrowsAsync<AskTimeoutException>(() => task);
            }
        }

        Assert.Equal(20 * 51, actor.Received);
    }
}
