using CardActors.Integration.Tests.Support;
using Xunit.Abstractions;

namespace CardActors.Integration.Tests;

/// <summary>
/// PostgreSQL stopped under load, then started: during the outage only retryable refusals (503),
/// never a crash or a false approval; afterwards service resumes by itself, without a restart, and
/// every approval received is in the journal.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task During_a_database_outage_only_retryable_refusals_and_service_resumes_by_itself()
    {
        const int seed = 1138;
        using var postgres = PrivatePostgres.Create();
        var directory = Directory.CreateTempSubdirectory("cardactors-outage-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["CardActors:Journal:Kind"] = "postgres",
            ["CardActors:Journal:PostgresConnectionString"] = postgres.ConnectionString,
            ["CardActors:Journal:Partitions"] = "2",
        };
        await using var node = await NodeProcess.StartAsync(directory, settings);
        var estate = await Estate.CreateAsync(node.Http, cards: 200, initialLoad: 400_000);

        var before = await RunPhaseAsync(node, estate, seed, TimeSpan.FromSeconds(2));
        Assert.False(before.Approvals.IsEmpty, "no approvals before the outage");

        postgres.Stop();
        var during = await RunPhaseAsync(node, estate, seed + 100, TimeSpan.FromSeconds(4));
        Assert.False(node.HasExited, "the node died during the outage:\n" + node.Output);
        var unexpected = during.Statuses.Where(s => s.Key is not (200 or 503)).ToList();
        Assert.True(unexpected.Count == 0, "during the outage only 503 (or approvals decided before it) may come back, got: " +
            string.Join(", ", unexpected.Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(during.Statuses.GetValueOrDefault(503) > 0, "the outage was not noticed");
        using (var health = await node.Http.GetAsync("/healthz"))
        {
            Assert.True(health.IsSuccessStatusCode, "the node does not answer /healthz during the outage");
        }

        postgres.Start();
        var after = await RunUntilApprovedAsync(node, estate, seed + 200, TimeSpan.FromSeconds(60));
        Assert.False(after.Approvals.IsEmpty, "service did not resume within 60 s after the database returned:\n" + node.Output);

        var approvals = before.Approvals.Concat(during.Approvals).Concat(after.Approvals).ToList();
        foreach (var group in approvals.GroupBy(a => a.Card))
        {
            var ledger = await CardLedger.ReadAsync(node.Http, group.Key);
            foreach (var approval in group)
            {
                Assert.True(ledger.Authorized.ContainsKey(approval.TransactionId), $"approval {approval.TransactionId} on {approval.Card} is not in the journal (seed {seed})");
            }

            Assert.Equal(ledger.Authorized.Keys.Order(), ledger.Holds.Keys.Order());
        }

        output.WriteLine($"outage test: before {before.Approvals.Count} approvals; during {during.Statuses.GetValueOrDefault(503)} × 503 and " +
            $"{during.Approvals.Count} approvals decided before the stop; after restart of the database {after.Approvals.Count} approvals; " +
            $"{approvals.Count} approvals checked in the journal (seed {seed})");
    }

    private static async Task<AuthorizationLoad> RunPhaseAsync(NodeProcess node, Estate estate, int seed, TimeSpan duration)
    {
        var load = new AuthorizationLoad(() => node.Http, estate, seed);
        using var stop = new CancellationTokenSource(duration);
        await load.RunAsync(clients: 32, stop.Token);
        return load;
    }

    private static async Task<AuthorizationLoad> RunUntilApprovedAsync(NodeProcess node, Estate estate, int seed, TimeSpan limit)
    {
        var load = new AuthorizationLoad(() => node.Http, estate, seed);
        using var stop = new CancellationTokenSource(limit);
        var running = load.RunAsync(clients: 8, stop.Token);
        while (!stop.IsCancellationRequested && load.Approvals.Count < 100)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await running;
        return load;
    }
}
