using System.Net;
using System.Net.Sockets;
using CardActors.Journal.Postgres;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;
using Npgsql;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>
/// PostgreSQL unreachable, slow, or restarted under the store: calls fail fast with
/// <see cref="JournalUnavailableException"/> (or the caller's cancellation), nothing is reported
/// written that did not commit, and the same store works again once the server does.
/// </summary>
public sealed class PostgresAvailabilityTests : IAsyncLifetime
{
    /// <summary>Not a timing assertion: a bound that turns "hangs until some distant timeout" into a failure.</summary>
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);

    private readonly PostgresScope _scope = new();

    [Fact]
    public async Task A_store_pointed_at_a_closed_port_fails_fast_as_unavailable()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestServer.ConnectionString) { Port = ClosedPort() };
        var store = _scope.Track(new PostgresJournal(_scope.Options("closed") with { ConnectionString = builder.ConnectionString }));

        await Assert.ThrowsAsync<JournalUnavailableException>(() => store.InitializeAsync(CancellationToken.None).AsTask().WaitAsync(FailFast));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadHighestSequenceNrAsync("a", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_server_too_slow_to_answer_makes_writes_and_reads_fail_as_unavailable_and_stores_nothing()
    {
        var store = await _scope.OpenAsync(_scope.Options("slow") with { CommandTimeout = TimeSpan.FromSeconds(1) });
        await store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 1));
        await using (var blocker = await LockJournalAsync(_scope.Schema("slow")))
        {
            var batch = new[] { Writes.Numbered("a", 0, 2, 1), Writes.Numbered("b", 0, 1, 1) };
            await Assert.ThrowsAsync<JournalUnavailableException>(() => store.WriteAsync(batch, CancellationToken.None).AsTask().WaitAsync(FailFast));
            Assert.All(batch, w => Assert.Equal(WriteStatus.Pending, w.Status)); // the group-commit writer fails them
            await Assert.ThrowsAsync<JournalUnavailableException>(() => RecordingTarget.ReplayAsync(store, "a").WaitAsync(FailFast));
        }

        Assert.Equal(1, await store.ReadHighestSequenceNrAsync("a", CancellationToken.None));
        var retry = await store.WriteBatchAsync(Writes.Numbered("a", 0, 2, 1), Writes.Numbered("b", 0, 1, 1));
        Assert.All(retry, w => Assert.Equal(WriteStatus.Written, w.Status));
        Assert.Equal([1L, 2, 3], (await store.ReadShardAsync(0, 0, 10, CancellationToken.None)).Select(e => e.ShardSequenceNr));
    }

    [Theory]
    [InlineData(PostgresWriteMode.Copy)]
    [InlineData(PostgresWriteMode.Insert)]
    public async Task A_write_waiting_on_the_server_stops_when_its_caller_cancels(PostgresWriteMode mode)
    {
        var store = await _scope.OpenAsync(_scope.Options("cancel", mode) with { CommandTimeout = TimeSpan.FromSeconds(60) });
        await store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 1));
        await using (var blocker = await LockJournalAsync(_scope.Schema("cancel")))
        {
            using var cancellation = new CancellationTokenSource();
            var batch = new[] { Writes.Numbered("a", 0, 2, 1) };
            var write = store.WriteAsync(batch, cancellation.Token).AsTask();
            await Waits.Until(() => IsWaitingOnALockAsync(_scope.Schema("cancel")), "the write waits for the table lock");
            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(FailFast));
            Assert.Equal(WriteStatus.Pending, batch[0].Status);
        }

        var retry = await store.WriteBatchAsync(Writes.Numbered("a", 0, 2, 1));
        Assert.Equal(WriteStatus.Written, retry[0].Status);
        Assert.Equal(2, await store.ReadHighestSequenceNrAsync("a", CancellationToken.None));
    }

    /// <summary>As after a server restart: every session of the store ends under it.</summary>
    [Theory]
    [InlineData(PostgresWriteMode.Copy)]
    [InlineData(PostgresWriteMode.Insert)]
    public async Task A_store_whose_sessions_were_terminated_works_again_without_being_recreated(PostgresWriteMode mode)
    {
        var store = await _scope.OpenAsync("restart", mode, partitions: 2);
        await store.WriteBatchAsync(Writes.Numbered("a", 0, 1, 2), Writes.Numbered("b", 1, 1, 1).WithSnapshot(1, [1]));
        Assert.Equal(2, await store.ReadHighestSequenceNrAsync("a", CancellationToken.None)); // a pooled read connection exists too

        Assert.True(await PostgresTestServer.TerminateSessionsAsync(_scope.Schema("restart")) >= 3);

        // Reads are retried once on a fresh connection, so the caller does not notice.
        Assert.Equal(2, await store.ReadHighestSequenceNrAsync("a", CancellationToken.None));

        // Each partition's writer finds its connection dead on its next batch: that batch fails as
        // unavailable, stores nothing, and the writer connects again for the one after.
        var lost = new[] { Writes.Numbered("a", 0, 3, 1), Writes.Numbered("b", 1, 2, 1) };
        await Assert.ThrowsAsync<JournalUnavailableException>(() => store.WriteAsync(lost, CancellationToken.None).AsTask().WaitAsync(FailFast));
        Assert.All(lost, w => Assert.NotEqual(WriteStatus.Written, w.Status));

        var again = await store.WriteBatchAsync(Writes.Numbered("a", 0, 3, 1), Writes.Numbered("b", 1, 2, 1), Writes.Numbered("c", 1, 1, 1));
        Assert.All(again, w => Assert.Equal(WriteStatus.Written, w.Status));
        Assert.Equal(3, (await RecordingTarget.ReplayAsync(store, "a")).Highest);
        Assert.Equal([1L, 2, 3], (await store.ReadShardAsync(1, 0, 10, CancellationToken.None)).Select(e => e.ShardSequenceNr));
        Assert.Equal(1, (await store.LoadAsync("b", CancellationToken.None))!.SequenceNr);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Holds an exclusive lock on the journal table until disposed: every statement on it waits.</summary>
    private static async Task<NpgsqlConnection> LockJournalAsync(string schema)
    {
        var connection = await PostgresTestServer.ConnectAsync();
        await PostgresTestServer.ExecuteAsync(connection, $"BEGIN; LOCK TABLE {schema}.journal IN ACCESS EXCLUSIVE MODE");
        return connection;
    }

    private static async Task<bool> IsWaitingOnALockAsync(string applicationName)
    {
        await using var connection = await PostgresTestServer.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scope.DisposeAsync();
}
