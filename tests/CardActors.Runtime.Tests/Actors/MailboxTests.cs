using CardActors.Runtime.Actors;

namespace CardActors.Runtime.Tests.Actors;

public sealed class MailboxTests
{
    [Fact]
    public void Keeps_per_sender_order_with_many_concurrent_senders()
    {
        const int senders = 8, perSender = 20_000;
        using var system = new ActorSystem();
        using var done = new CountdownEvent(senders * perSender);
        var actor = new RecordingActor(done);
        var self = system.Spawn("recorder", actor);
        using var start = new Barrier(senders);
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perSender; i++)
            {
                Assert.True(self.Tell((s, i)));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.True(done.Wait(TimeSpan.FromMinutes(1)), "not every message was processed");

        var next = new int[senders];
        foreach (var (sender, sequence) in actor.Received)
        {
            Assert.Equal(next[sender], sequence);
            next[sender]++;
        }

        Assert.All(next, n => Assert.Equal(perSender, n));
    }

    [Fact]
    public void Strands_no_message_when_the_mailbox_goes_idle_while_producers_race_it()
    {
        // Many short rounds: in each, producers released together by a barrier send a few messages
        // to an actor that is idle between rounds, so the idle/scheduled transition is raced often.
        const int rounds = 2_000, producers = 4, perProducer = 3;
        using var system = new ActorSystem();
        for (var round = 0; round < rounds; round += 200)
        {
            using var done = new CountdownEvent(200 * producers * perProducer);
            var self = system.Spawn($"idle-racer-{round}", new RecordingActor(done));
            using var start = new Barrier(producers);
            var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
            {
                for (var r = 0; r < 200; r++)
                {
                    start.SignalAndWait();
                    for (var i = 0; i < perProducer; i++)
                    {
                        self.Tell((p, (r * perProducer) + i));
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.True(done.Wait(TimeSpan.FromMinutes(1)), $"messages stranded in rounds {round}..{round + 199}: {done.CurrentCount} never processed");
        }
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        using var system = new ActorSystem();
        var self = system.Spawn("recorder", new RecordingActor());
        Assert.Equal(1, await self.Ask((0, 0)));
        Assert.Equal(2, await self.Ask((0, 1)));
    }

    [Fact]
    public async Task A_handler_that_throws_fails_the_ask_and_the_actor_resumes()
    {
        using var system = new ActorSystem();
        var self = system.Spawn("recorder", new RecordingActor());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await self.Ask((0, -1)));
        Assert.Equal(1, await self.Ask((0, 0)));
    }

    [Fact]
    public async Task Asks_to_a_stopped_actor_fail_with_actor_stopped()
    {
        using var system = new ActorSystem();
        var self = system.Spawn("recorder", new RecordingActor());
        Assert.Equal(1, await self.Ask((0, 0)));

        self.Stop(); // the actor is idle, so this thread runs its stopping turn at once

        await Assert.ThrowsAsync<ActorStoppedException>(async () => await self.Ask((0, 1)));
        Assert.False(self.Tell((0, 2)));
    }
}
