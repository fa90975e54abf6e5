using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;
using CardActors.Node.Cards;
using CardActors.Node.Cluster;
using CardActors.Node.Entities;
using CardActors.Node.Merchants;
using CardActors.Node.Products;
using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Remoting;
using CardActors.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Hosting;

/// <summary>
/// One node: the kernel, the store, the entity regions (cards, merchants, the product catalog, the
/// card-number pool, issue requests) and the copies every node holds (products, merchant profiles).
/// Front ends (HTTP, ISO 8583) use it; it knows nothing of them.
/// </summary>
public sealed class CardActorsNode : IAsyncDisposable
{
    private const int CatalogShardOffset = NodeOptionsReserved + 0;
    private const int CardNumberPoolShardOffset = NodeOptionsReserved + 1;
    private const int IssueRequestShardOffset = NodeOptionsReserved + 2;
    private const int NodeOptionsReserved = 200_000; // NodeOptions.ReservedJournalShards starts here
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<IDisposable> _regions = [];
    private int _disposed;

    private CardActorsNode(NodeOptions options, TimeProvider time, ILoggerFactory loggers, IPersistenceStore store, IReadOnlyList<IJournal> partitions)
    {
        Options = options;
        Time = time;
        Store = store;
        Currency = Currency.Cny;
        var log = loggers.CreateLogger("CardActors.Node");
        System = new ActorSystem(options.Kernel.ToSettings(), time, loggers);
        Writers = new JournalWriterGroup(partitions, options.Journal.Writer, time, loggers.CreateLogger("CardActors.Journal"));
        TransactionIds = new TransactionIds(options.NodeNumber, time);
        Products = new ProductCatalog(Currency);
        Calendar = new BusinessCalendar(options.Issuer.UtcOffset, TimeOnly.FromTimeSpan(options.Issuer.BusinessDayCutoff));
        TerminalKeys = TerminalKeys.FromFile(options.Iso8583.MasterKeyFile);

        Catalog = Region(ProductCatalogEntity.Type(time), new EntitySettings { ShardCount = 1, JournalShardOffset = CatalogShardOffset, SnapshotEvery = 20 });
        var numbering = CardNumberGenerator.Scrambled(options.Issuer.Prefix, options.Issuer.CardNumberLength, options.Issuer.CardNumberSeed);
        var pool = Region(CardNumberPoolEntity.Type(time, numbering.Capacity), new EntitySettings { ShardCount = 1, JournalShardOffset = CardNumberPoolShardOffset, SnapshotEvery = 100 });
        // One event per request at most, so no snapshots; requests are rare next to card traffic.
        IssueRequests = Region(IssueRequestEntity.Type(time), new EntitySettings { ShardCount = 1, JournalShardOffset = IssueRequestShardOffset, SnapshotEvery = 0 });
        Merchants = Region(MerchantEntity.Type(time), options.Merchants.ToSettings());
        MerchantProfiles = new MerchantDirectory(store, options.Merchants.JournalShardOffset, options.Merchants.ShardCount, log);

        ReplacementCoordinator? replacements = null;
        var cardType = CardEntity.Type(Products, Calendar, time, card => replacements?.Resume(card));
        Cards = Region(cardType, options.Cards.ToSettings());
        Transport = new TransportListener(
            new PeerIdentity(options.NodeId, time.GetUtcNow().UtcTicks), // a restarted node is a new incarnation
            new RemoteRecipients([new("card", new RegionRecipient<CardNumber, CardCommand, CardReply>(Cards, CardWireFormat.Instance))]),
            options.Cluster.Transport.ToSettings(), time, loggers.CreateLogger("CardActors.Transport"));
        replacements = new ReplacementCoordinator(Cards, log);
        Replacements = replacements;
        History = new CardHistory(store, cardType.Identity);
        Refunds = new RefundSender(Cards, new SaleLookup(store, cardType.Identity));
        CardNumbers = new CardNumberIssuer(pool, options.Issuer.Prefix, options.Issuer.CardNumberLength, options.Issuer.CardNumberSeed);
    }

    public NodeOptions Options { get; }

    public TimeProvider Time { get; }

    public IPersistenceStore Store { get; }

    public ActorSystem System { get; }

    public JournalWriterGroup Writers { get; }

    /// <summary>The issuer's currency: API amounts are minor units of it.</summary>
    public Currency Currency { get; }

    public BusinessCalendar Calendar { get; }

    public TransactionIds TransactionIds { get; }

    public ProductCatalog Products { get; }

    public MerchantDirectory MerchantProfiles { get; }

    public TerminalKeys TerminalKeys { get; }

    public ShardRegion<CardNumber, CardState, CardCommand, CardEvent, CardReply> Cards { get; }

    /// <summary>
    /// Serves other nodes over the cluster transport. Cards are reachable by the name "card"; merchants
    /// and the node's own single-shard entities join when shards are placed across nodes.
    /// </summary>
    public TransportListener Transport { get; }

    public ShardRegion<MerchantId, MerchantState, MerchantCommand, MerchantEvent, MerchantReply> Merchants { get; }

    public ShardRegion<string, ProductCatalogState, ProductCatalogCommand, ProductCatalogEvent, ProductCatalogReply> Catalog { get; }

    /// <summary>Issue requests by client idempotency key: the card number each was given, so a retry reaches the same card.</summary>
    public ShardRegion<IdempotencyKey, IssueRequestState, AssignCardNumber, CardNumberAssigned, IssueRequestReply> IssueRequests { get; }

    public CardNumberIssuer CardNumbers { get; }

    /// <summary>Sends refunds to cards, through the card's journal when the sale left its memory.</summary>
    public RefundSender Refunds { get; }

    public ReplacementCoordinator Replacements { get; }

    public CardHistory History { get; }

    /// <summary>Cancelled when the node stops; long reads observe it.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public bool IsReady { get; private set; }

    public static async Task<CardActorsNode> StartAsync(NodeOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        var (store, partitions) = PersistenceFactory.Open(options.Journal, time);
        await store.InitializeAsync(cancellationToken);
        var node = new CardActorsNode(options, time, loggers, store, partitions);
        try
        {
            await node.RefreshProductsAsync();
            await node.MerchantProfiles.StartAsync(TimeSpan.FromSeconds(1), time, cancellationToken);
            node.IsReady = true;
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a merchant command, then refreshes this node's profile copy so the change is visible here at once.</summary>
    public async Task<MerchantReply> ExecuteMerchantAsync(MerchantId merchant, MerchantCommand command)
    {
        var reply = await Merchants.Ask(merchant, command);
        if (reply.Accepted)
        {
            await MerchantProfiles.CatchUpAsync(Lifetime, Merchants.ShardOf(merchant));
        }

        return reply;
    }

    public async Task<ProductCatalogReply> ExecuteCatalogAsync(ProductCatalogCommand command)
    {
        var reply = await Catalog.Ask(ProductCatalogEntity.Key, command);
        if (reply.Accepted)
        {
            await RefreshProductsAsync();
        }

        return reply;
    }

    private async Task RefreshProductsAsync()
    {
        var (products, version) = await Catalog.InspectAsync(ProductCatalogEntity.Key, s => (s.All.ToArray(), s.Version));
        Products.Replace(products, version);
    }

    private ShardRegion<TKey, TState, TCommand, TEvent, TReply> Region<TKey, TState, TCommand, TEvent, TReply>(
        EntityType<TKey, TState, TCommand, TEvent, TReply> type, EntitySettings settings)
        where TKey : notnull
        where TState : class
        where TEvent : class
    {
        var region = new ShardRegion<TKey, TState, TCommand, TEvent, TReply>(System, type, Store, Writers, settings);
        _regions.Add(region);
        return region;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the host's container disposes it too
        }

        IsReady = false;
        await Writers.DrainAsync(TimeSpan.FromSeconds(10));
        await _lifetime.CancelAsync();
        await MerchantProfiles.DisposeAsync();
        foreach (var region in _regions)
        {
            region.Dispose();
        }

        CardNumbers.Dispose();
        Writers.Dispose();
        System.Dispose();
        await Store.DisposeAsync();
        _lifetime.Dispose();
    }
}
