using System.Text.Json;
using CardActors.Iso8583;
using CardActors.LoadGen.Estate;
using CardActors.LoadGen.Provisioning;
using CardActors.LoadGen.Tests.Support;

namespace CardActors.LoadGen.Tests.Provisioning;

public sealed class ProvisionerTests
{
    private static ProvisioningOptions Options(FakeNode node, int cards, int merchants = 3, int terminals = 2) => new()
    {
        Node = node.Address,
        Cards = cards,
        Merchants = merchants,
        TerminalsPerMerchant = terminals,
        ReadyTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Provisions_the_product_merchants_terminals_and_cards_in_calls_of_at_most_ten_thousand()
    {
        var keys = new TerminalKeyRing();
        await using var node = new FakeNode(keys);
        using var http = new HttpClient { BaseAddress = node.Address };
        var progress = new List<ProvisioningProgress>();

        var estate = await new Provisioner(new NodeAdminClient(http), Options(node, cards: 25_000))
            .ProvisionAsync(new SynchronousProgress(progress), CancellationToken.None);

        Assert.Equal(25_000, estate.Cards.Count);
        Assert.Equal(Enumerable.Range(0, 25_000).Select(TestEstates.Pan), estate.Cards.Order(StringComparer.Ordinal));
        var bulk = node.Requests.Where(r => r.Path == "/api/cards/bulk").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal([5_000, 10_000, 10_000], bulk.Select(b => b.GetProperty("count").GetInt32()).Order());
        Assert.All(bulk, b =>
        {
            Assert.Equal(9001, b.GetProperty("product").GetInt64());
            Assert.Equal(100_000, b.GetProperty("initialLoad").GetInt64());
            Assert.True(b.GetProperty("activate").GetBoolean());
        });

        Assert.Equal(["LOADM0000000001", "LOADM0000000002", "LOADM0000000003"], estate.Merchants.Select(m => m.Id));
        Assert.Equal(["LT000001", "LT000002", "LT000003", "LT000004", "LT000005", "LT000006"], estate.Merchants.SelectMany(m => m.Terminals).Select(t => t.Id));
        foreach (var terminal in estate.Merchants.SelectMany(m => m.Terminals))
        {
            Assert.True(keys.TryGetKeys(System.Text.Encoding.ASCII.GetBytes(terminal.Id), out var current, out _));
            Assert.Equal(Fingerprint(current), Fingerprint(MacKey.FromHex(terminal.MacKey)));
        }

        var merchant = JsonDocument.Parse(node.Requests.First(r => r.Path == "/api/merchants").Body).RootElement;
        Assert.Equal(5812, merchant.GetProperty("category").GetInt32());
        Assert.InRange(merchant.GetProperty("group").GetInt64(), 1, 10);
        Assert.Contains(merchant.GetProperty("settlementCycle").GetString(), new[] { "daily", "weekly", "monthly" });
        Assert.Equal(JsonValueKind.Array, merchant.GetProperty("projects").ValueKind);
        Assert.Equal(1, merchant.GetProperty("accountManager").GetInt64());
        var product = JsonDocument.Parse(node.Requests.First(r => r.Path == "/api/products").Body).RootElement;
        Assert.Equal(500_000, product.GetProperty("balanceCap").GetInt64());
        Assert.Equal("realName", product.GetProperty("identity").GetString());

        Assert.Contains(progress, p => p.Stage == "cards" && p.Done == 25_000 && p.Total == 25_000);
        Assert.Contains(progress, p => p.Stage == "merchants and terminals" && p.Done == 3);
    }

    [Fact]
    public async Task What_exists_already_is_reused_and_an_existing_terminal_gets_a_new_key()
    {
        var keys = new TerminalKeyRing();
        await using var node = new FakeNode(keys);
        node.Seed(product: "9001", merchant: "LOADM0000000001", terminal: "LT000001");
        using var http = new HttpClient { BaseAddress = node.Address };

        var estate = await new Provisioner(new NodeAdminClient(http), Options(node, cards: 10, merchants: 1, terminals: 1))
            .ProvisionAsync(null, CancellationToken.None);

        var terminal = Assert.Single(estate.Merchants.Single().Terminals);
        Assert.Contains(node.Requests, r => r.Path == "/api/merchants/LOADM0000000001/terminals/LT000001/mac-key");
        Assert.True(keys.TryGetKeys("LT000001"u8, out var current, out _));
        Assert.Equal(Fingerprint(current), Fingerprint(MacKey.FromHex(terminal.MacKey)));
        Assert.Equal(10, estate.Cards.Count);
    }

    [Fact]
    public async Task A_refusal_names_the_call_and_quotes_the_problem_details()
    {
        await using var node = new FakeNode(new TerminalKeyRing()) { FailMerchants = true };
        using var http = new HttpClient { BaseAddress = node.Address };

        var failure = await Assert.ThrowsAsync<ProvisioningException>(() =>
            new Provisioner(new NodeAdminClient(http), Options(node, cards: 10)).ProvisionAsync(null, CancellationToken.None));

        Assert.Contains("POST /api/merchants answered 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("The journal is unavailable.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_fails_with_its_address()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var options = new ProvisioningOptions { Node = new Uri("http://127.0.0.1:1/"), Cards = 1, Merchants = 1, ReadyTimeout = TimeSpan.Zero };

        var failure = await Assert.ThrowsAsync<ProvisioningException>(() =>
            new Provisioner(new NodeAdminClient(http), options).ProvisionAsync(null, CancellationToken.None));

        Assert.Contains("127.0.0.1:1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_keeps_an_estate_readable_by_its_owner_only()
    {
        var (estate, _) = TestEstates.Create(2, 2, 20);
        var directory = Directory.CreateTempSubdirectory("loadgen-cache-");
        try
        {
            var path = Path.Combine(directory.FullName, "estate.json");
            await EstateCache.WriteAsync(path, estate, CancellationToken.None);
            var read = await EstateCache.ReadAsync(path, CancellationToken.None);

            Assert.NotNull(read);
            Assert.Equal(estate.Cards, read.Cards);
            Assert.Equal(estate.Merchants.SelectMany(m => m.Terminals), read.Merchants.SelectMany(m => m.Terminals));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Null(await EstateCache.ReadAsync(Path.Combine(directory.FullName, "missing.json"), CancellationToken.None));
            Assert.Null(read.Shortfall(20, 2, 2));
            Assert.Contains("21", read.Shortfall(21, 2, 2), StringComparison.Ordinal);
            Assert.Equal(10, read.Take(10, 1, 1).Cards.Count);
            Assert.Single(read.Take(10, 1, 1).Merchants.Single().Terminals);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_terminal_key_never_shows_in_text()
    {
        var terminal = new EstateTerminal("LT000001", new string('A', 64));
        Assert.DoesNotContain("AAAA", terminal.ToString(), StringComparison.Ordinal);
    }

    private static string Fingerprint(MacKey key)
    {
        Span<byte> mac = stackalloc byte[Iso8583Mac.Length];
        Iso8583Mac.Compute(key, "fingerprint"u8, mac);
        return Convert.ToHexString(mac);
    }

    private sealed class SynchronousProgress(List<ProvisioningProgress> seen) : IProgress<ProvisioningProgress>
    {
        public void Report(ProvisioningProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
