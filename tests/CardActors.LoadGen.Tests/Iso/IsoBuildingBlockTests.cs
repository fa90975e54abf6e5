using System.Text;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Iso;

public sealed class IsoBuildingBlockTests
{
    [Fact]
    public void The_ledger_finds_every_remembered_original_and_forgets_the_oldest_first()
    {
        const int Seed = 20261122;
        var random = new Random(Seed);
        var ledger = new OriginalLedger(capacity: 100);
        var recorded = new List<long>();
        long sequence = 0;
        for (var i = 0; i < 1_000; i++)
        {
            sequence += 1 + random.Next(5);
            ledger.Record(sequence, new OriginalIdentifiers((int)(sequence % 7), (int)(sequence % 999_999) + 1, sequence * 10));
            recorded.Add(sequence);
        }

        foreach (var remembered in recorded.TakeLast(100))
        {
            Assert.True(ledger.TryFind(remembered, out var identifiers), $"seed {Seed}: {remembered} forgotten");
            Assert.Equal(remembered * 10, identifiers.TransmissionDateTime);
            Assert.Equal((int)(remembered % 7), identifiers.Terminal);
        }

        Assert.All(recorded.SkipLast(100), forgotten => Assert.False(ledger.TryFind(forgotten, out _)));
        Assert.False(ledger.TryFind(sequence + 1, out _));
        var gap = recorded.TakeLast(100).Zip(recorded.TakeLast(99)).First(pair => pair.Second - pair.First > 1).First + 1;
        Assert.False(ledger.TryFind(gap, out _), $"seed {Seed}: {gap} was never recorded");
        Assert.Throws<InvalidOperationException>(() => ledger.Record(sequence, default));
        Assert.True(OriginalLedger.IsOriginal(OperationKind.Authorize));
        Assert.True(OriginalLedger.IsOriginal(OperationKind.Purchase));
        Assert.False(OriginalLedger.IsOriginal(OperationKind.TopUp));
    }

    [Fact]
    public void The_pending_table_matches_by_terminal_and_STAN_and_expires_in_deadline_order()
    {
        var table = new PendingTable();
        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(table.TryAdd(Entry(terminal: i % 3, stan: i + 1, deadline: i)));
        }

        Assert.False(table.TryAdd(Entry(terminal: 0, stan: 1, deadline: 5)));
        Assert.True(table.TryAdd(Entry(terminal: 1, stan: 1, deadline: 5_000)));

        // Answered: gone at once, and its deadline record no longer counts.
        Assert.True(table.TryRemove(PendingTable.KeyOf(1, 2), out var answered));
        Assert.Equal(1, answered.Terminal);
        Assert.False(table.TryRemove(PendingTable.KeyOf(1, 2), out _));

        var expired = new List<long>();
        while (table.TryRemoveExpired(499, out var entry))
        {
            expired.Add(entry.Deadline);
        }

        Assert.Equal(Enumerable.Range(0, 500).Where(d => d != 1).Select(d => (long)d), expired);
        Assert.Equal(501, table.Count);

        // Slots are reused: a STAN freed by expiry can be pending again.
        Assert.True(table.TryAdd(Entry(terminal: 0, stan: 1, deadline: 10_000)));
        var rest = table.RemoveAll();
        Assert.Equal(502, rest.Count);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryRemoveExpired(long.MaxValue, out _));
    }

    [Fact]
    public void Retrieval_reference_numbers_are_twelve_base_36_characters_tagging_the_run_and_the_sequence()
    {
        Span<byte> rrn = stackalloc byte[RetrievalReference.Length];
        var tag = RetrievalReference.RunTag(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));

        RetrievalReference.Write(rrn, tag, 0);
        var first = Encoding.ASCII.GetString(rrn);
        RetrievalReference.Write(rrn, tag, 35);
        var second = Encoding.ASCII.GetString(rrn);
        RetrievalReference.Write(rrn, tag + 1, 0);
        var nextRun = Encoding.ASCII.GetString(rrn);

        Assert.Matches("^[0-9A-Z]{5}0000000$", first);
        Assert.Equal(first[..5] + "000000Z", second);
        Assert.NotEqual(first, nextRun);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            Span<byte> overflow = stackalloc byte[RetrievalReference.Length];
            RetrievalReference.Write(overflow, tag, 36L * 36 * 36 * 36 * 36 * 36 * 36);
        });
    }

    [Fact]
    public void The_transmission_time_is_UTC_and_the_local_fields_follow_the_terminal_clock()
    {
        var clock = new TransmissionClock(new FixedTime(new DateTimeOffset(2026, 3, 7, 23, 4, 5, TimeSpan.Zero), TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8")));

        Assert.Equal(0307230405, clock.TransmissionDateTime());
        Assert.Equal((70405, 308), clock.Local());
    }

    private static PendingEntry Entry(int terminal, int stan, long deadline) => new()
    {
        Key = PendingTable.KeyOf(terminal, stan),
        Kind = PendingKind.Load,
        Terminal = terminal,
        Deadline = deadline,
    };

    private sealed class FixedTime(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
