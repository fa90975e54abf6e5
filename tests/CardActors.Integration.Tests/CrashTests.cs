using CardActors.Integration.Tests.Support;
using Xunit.Abstractions;

namespace CardActors.Integration.Tests;

/// <summary>
/// A node on PostgreSQL under continuous authorization load from many clients is killed with
/// SIGKILL; after a restart every approval a client received is in the journal and in the card's
/// balance, and every journaled authorization is reflected exactly once.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_approval_a_client_received_survives_a_SIGKILL_and_nothing_is_counted_twice()
    {
        const int seed = 4711;
        await using var postgres = SharedPostgres.CreateSchema("crash");
        var directory = Directory.CreateTempSubdirectory("cardactors-crash-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["CardActors:Journal:Kind"] = "postgres",
            ["CardActors:Journal:PostgresConnectionString"] = postgres.ConnectionString,
            ["CardActors:Journal:PostgresSchema"] = postgres.Schema,
            ["CardActors:Journal:Partitions"] = "2",
        };

        var node = await NodeProcess.StartAsync(directory, settings);
        var estate = await Estate.CreateAsync(node.Http, cards: 300, initialLoad: 400_000);
        var load = new AuthorizationLoad(() => node.Http, estate, seed);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(clients: 64, stop.Token);

        var started = DateTime.UtcNow;
        while ((load.Approvals.Count < 3_000 || DateTime.UtcNow - started < TimeSpan.FromSeconds(2)) && DateTime.UtcNow - started < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(50);
        }

        node.Kill(); // mid-load: requests in flight are lost with the process
        await stop.CancelAsync();
        await running;
        var output1 = node.Output;
        await node.DisposeAsync();
        Assert.True(load.Approvals.Count >= 1_000, $"too few approvals before the kill ({load.Approvals.Count}, seed {seed}):\n{output1}");

        await using var restarted = await NodeProcess.StartAsync(directory, settings);
        var ledgers = new Dictionary<string, CardLedger>();
        foreach (var card in estate.Cards)
        {
            ledgers[card] = await CardLedger.ReadAsync(restarted.Http, card);
        }

        foreach (var approval in load.Approvals)
        {
            var ledger = ledgers[approval.Card];
            Assert.True(ledger.Authorized.TryGetValue(approval.TransactionId, out var amount),
                $"approval {approval.TransactionId} on card {approval.Card} was answered but is not in the journal (seed {seed})");
            Assert.Equal(approval.Amount, amount);
            Assert.True(ledger.Holds.ContainsKey(approval.TransactionId), $"approval {approval.TransactionId} is journaled but not held on the card");
        }

        foreach (var ledger in ledgers.Values)
        {
            Assert.Equal(ledger.Authorized.Count, ledger.AuthorizedEntries); // no transaction journaled twice
            Assert.Equal(ledger.Authorized.Keys.Order(), ledger.Holds.Keys.Order()); // each journaled hold is on the card, once
            Assert.Equal(estate.InitialLoad, ledger.Main);
            Assert.Equal(estate.InitialLoad - ledger.Holds.Values.Sum(), ledger.Available);
        }

        var journaled = ledgers.Values.Sum(l => l.Authorized.Count);
        output.WriteLine($"crash test: {load.Approvals.Count} approvals received before SIGKILL were checked, all in the journal and in the balances; " +
            $"{journaled} authorizations journaled in all ({journaled - load.Approvals.Count} durable but unanswered when the node died), " +
            $"{estate.Cards.Length} cards reconciled, {load.TransportFailures} requests lost with the process (seed {seed})");
    }
}
