using System.Globalization;
using CardActors.LoadGen.Estate;

namespace CardActors.LoadGen.Provisioning;

/// <summary>How far provisioning has come: <paramref name="Done"/> of <paramref name="Total"/> items of a stage.</summary>
public sealed record ProvisioningProgress(string Stage, long Done, long Total);

/// <summary>
/// Creates a run's estate on the node: the card product, the merchants with their category and
/// group, each merchant's terminals with their MAC keys, and the cards, issued in parallel calls of
/// at most 10,000. Products and merchants that exist are reused; a terminal that exists gets a new
/// key. Cards are always new: bulk issuance is not idempotent, which is why the estate can be
/// cached and reused.
/// </summary>
public sealed class Provisioner
{
    private static readonly string[] SettlementCycles = ["daily", "weekly", "monthly"];
    private readonly NodeAdminClient _client;
    private readonly ProvisioningOptions _options;

    public Provisioner(NodeAdminClient client, ProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
    }

    private long ProductNumber => long.Parse(_options.ProductId, CultureInfo.InvariantCulture);

    public async Task<LoadEstate> ProvisionAsync(IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ProvisioningProgress("waiting for the node to be ready", 0, 1));
        await _client.WaitUntilReadyAsync(_options.ReadyTimeout, cancellationToken);
        progress?.Report(new ProvisioningProgress("waiting for the node to be ready", 1, 1));
        progress?.Report(new ProvisioningProgress("product", 0, 1));
        await _client.CreateProductAsync(new CreateProduct(ProductNumber, _options.ProductName, _options.Identity, _options.BalanceCap), cancellationToken);
        progress?.Report(new ProvisioningProgress("product", 1, 1));
        var merchants = await ProvisionMerchantsAsync(progress, cancellationToken);
        var cards = await IssueCardsAsync(progress, cancellationToken);
        return new LoadEstate
        {
            Node = _options.Node.ToString(),
            Product = _options.ProductId,
            ProvisionedAt = DateTimeOffset.UtcNow,
            Cards = cards,
            Merchants = merchants,
        };
    }

    private async Task<EstateMerchant[]> ProvisionMerchantsAsync(IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        var merchants = new EstateMerchant[_options.Merchants];
        var done = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken };
        progress?.Report(new ProvisioningProgress("merchants and terminals", 0, merchants.Length));
        await Parallel.ForEachAsync(Enumerable.Range(0, merchants.Length), parallel, async (m, token) =>
        {
            var id = _options.MerchantId(m);
            var number = (m + 1).ToString(CultureInfo.InvariantCulture);
            await _client.CreateMerchantAsync(
                new CreateMerchant(
                    id,
                    $"Load merchant {number}",
                    int.Parse(_options.Category, CultureInfo.InvariantCulture),
                    (m % 10) + 1,
                    [],
                    SettlementCycles[m % SettlementCycles.Length],
                    long.Parse(_options.AccountManager, CultureInfo.InvariantCulture)),
                token);
            var terminals = new EstateTerminal[_options.TerminalsPerMerchant];
            for (var t = 0; t < terminals.Length; t++)
            {
                var terminalId = _options.TerminalId((m * terminals.Length) + t);
                terminals[t] = new EstateTerminal(terminalId, await _client.RegisterTerminalAsync(id, terminalId, token));
            }

            merchants[m] = new EstateMerchant(id, terminals);
            progress?.Report(new ProvisioningProgress("merchants and terminals", Interlocked.Increment(ref done), merchants.Length));
        });
        return merchants;
    }

    private async Task<string[]> IssueCardsAsync(IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        var batches = (_options.Cards + ProvisioningOptions.MaxCardsPerCall - 1) / ProvisioningOptions.MaxCardsPerCall;
        var issued = new IReadOnlyList<string>[batches];
        var done = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(_options.Parallelism, 4), CancellationToken = cancellationToken };
        progress?.Report(new ProvisioningProgress("cards", 0, _options.Cards));
        await Parallel.ForEachAsync(Enumerable.Range(0, batches), parallel, async (b, token) =>
        {
            var count = Math.Min(ProvisioningOptions.MaxCardsPerCall, _options.Cards - (b * ProvisioningOptions.MaxCardsPerCall));
            long? firstHolder = _options.Identity == "realName" ? ((long)b * ProvisioningOptions.MaxCardsPerCall) + 1 : null;
            issued[b] = await _client.IssueCardsAsync(new IssueCards(ProductNumber, count, _options.InitialLoad, Activate: true, firstHolder), token);
            progress?.Report(new ProvisioningProgress("cards", Interlocked.Add(ref done, count), _options.Cards));
        });

        // Batch order, not completion order: card index i is the i-th card asked for.
        var cards = new string[_options.Cards];
        var next = 0;
        foreach (var batch in issued)
        {
            foreach (var card in batch)
            {
                cards[next++] = card;
            }
        }

        if (cards.Distinct(StringComparer.Ordinal).Count() != cards.Length)
        {
            throw new ProvisioningException("The node issued the same card number twice.");
        }

        return cards;
    }
}
