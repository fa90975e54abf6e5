using System.Buffers;
using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// Plays the kernel's part for one card: decide, check that deciding changed nothing, pass every
/// event through the journal codec, apply it, and keep the journal for replay checks.
/// </summary>
internal sealed class CardHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    public static readonly CardNumber Number = CardNumber.Parse("6222020000000000000");
    public static readonly MerchantId CanteenId = MerchantId.Parse("CANTEEN00000001");
    public static readonly MerchantId ShopId = MerchantId.Parse("SHOP00000000001");
    public static readonly TerminalId Terminal = TerminalId.Parse("T0000001");

    private ulong _nextId = 1000;

    public CardHarness(CardProduct? product = null, BusinessCalendar? calendar = null)
    {
        Product = product ?? DefaultProduct();
        Calendar = calendar ?? BusinessCalendar.Default;
        Now = Start;
    }

    public CardState State { get; private set; } = new();

    public CardProduct Product { get; set; }

    public BusinessCalendar Calendar { get; }

    public DateTimeOffset Now { get; set; }

    public List<byte[]> Journal { get; } = [];

    public static MerchantFacts Canteen => new(CanteenId, Terminal, new MerchantCategory(5812), new MerchantGroupId(1), [new ProjectId(1)]);

    public static MerchantFacts Shop => new(ShopId, Terminal, new MerchantCategory(5411), new MerchantGroupId(2), [new ProjectId(4)]);

    public static CardProduct DefaultProduct(
        int recentMemory = CardMemoryLimits.DefaultMemory, int saleMemory = CardMemoryLimits.DefaultMemory, int maxOpenHolds = CardMemoryLimits.DefaultMaxOpenHolds) => new()
    {
        Id = new ProductId(7),
        Name = "Campus card",
        Identity = CardholderIdentity.RealName,
        Denominations = [Money.Yuan(50), Money.Yuan(100), Money.Yuan(500)],
        ValidityMonths = 24,
        RecentMemory = recentMemory,
        SaleMemory = saleMemory,
        MaxOpenHolds = maxOpenHolds,
    };

    public TransactionId NextTx() => new(++_nextId);

    public static IdempotencyKey KeyFor(TransactionId tx) => new(0xABCD, tx.Value);

    public CardContext Context => new(Now, Product, Calendar);

    public CardDecision Send(CardCommand command)
    {
        var before = Snapshot(State);
        var decision = CardDecider.Decide(State, command, Context);
        Assert.True(before.AsSpan().SequenceEqual(Snapshot(State)), "Decide changed the state");
        for (var i = 0; i < decision.EventCount; i++)
        {
            var buffer = new ArrayBufferWriter<byte>();
            CardEventCodec.Encode(decision[i], buffer);
            var bytes = buffer.WrittenSpan.ToArray();
            Journal.Add(bytes);
            State.Apply(CardEventCodec.Decode(bytes));
        }
        return decision;
    }

    public CardReply Reply(CardCommand command) => Send(command).Reply;

    public static byte[] Snapshot(CardState state)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CardSnapshotCodec.Encode(state, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public CardState Replay()
    {
        var replayed = new CardState();
        foreach (var bytes in Journal)
        {
            replayed.Apply(CardEventCodec.Decode(bytes));
        }
        return replayed;
    }

    public CardReply Issue(long initialLoadFen = 0, HolderId? holder = null)
    {
        var tx = NextTx();
        return Reply(new IssueCard(tx, KeyFor(tx), Number, Product.Id, holder ?? new HolderId(42), Money.Fen(initialLoadFen)));
    }

    /// <summary>Issues, activates and loads a card.</summary>
    public CardHarness Ready(long balanceFen)
    {
        Assert.True(Issue().IsApproved);
        Assert.True(Reply(new ActivateCard()).IsApproved);
        if (balanceFen > 0)
        {
            Assert.True(TopUp(balanceFen).IsApproved);
        }
        return this;
    }

    public CardReply TopUp(long fen)
    {
        var tx = NextTx();
        return Reply(new TopUp(tx, KeyFor(tx), Money.Fen(fen), TopUpChannel.Counter));
    }

    public CardReply Grant(long fen, TimeSpan lifetime, UsageScope? scope = null)
    {
        var tx = NextTx();
        return Reply(new GrantBonus(tx, KeyFor(tx), Money.Fen(fen), Now + lifetime, scope));
    }

    public (TransactionId Tx, CardReply Reply) Purchase(long fen, MerchantFacts? merchant = null)
    {
        var tx = NextTx();
        return (tx, Reply(new Purchase(tx, KeyFor(tx), Money.Fen(fen), merchant ?? Canteen)));
    }

    public (TransactionId Tx, CardReply Reply) Authorize(long fen, MerchantFacts? merchant = null)
    {
        var tx = NextTx();
        return (tx, Reply(new Authorize(tx, KeyFor(tx), Money.Fen(fen), merchant ?? Canteen)));
    }

    public CardReply Capture(TransactionId hold, long fen, MerchantFacts? merchant = null)
    {
        var tx = NextTx();
        return Reply(new Capture(tx, KeyFor(tx), hold, Money.Fen(fen), merchant ?? Canteen));
    }

    public CardReply Reverse(TransactionId original)
    {
        var tx = NextTx();
        return Reply(new Reverse(tx, KeyFor(tx), original, IdempotencyKey.None));
    }

    /// <summary>A refund as the node sends it: a sale outside the card's memory is looked up in the journal.</summary>
    public CardReply Refund(TransactionId original, long fen, MerchantFacts? merchant = null)
    {
        var tx = NextTx();
        return SendRefund(new Refund(tx, KeyFor(tx), original, IdempotencyKey.None, Money.Fen(fen), merchant ?? Canteen)).Reply;
    }

    /// <summary>
    /// The host's part: on <see cref="DeclineReason.SaleNotInMemory"/>, the same refund again with the
    /// sale from the journal (or from <paramref name="lookUp"/>, which may answer with an older reading).
    /// </summary>
    public CardDecision SendRefund(Refund refund, Func<TransactionId, OriginalSale?>? lookUp = null)
    {
        var decision = Send(refund);
        if (decision.Reply.Reason == DeclineReason.SaleNotInMemory && refund.Sale is null && (lookUp ?? FindSaleInJournal)(refund.OriginalId) is { } sale)
        {
            decision = Send(refund with { Sale = sale });
        }
        return decision;
    }

    /// <summary>The sale as this card's journal records it (two readings when it is named by its completion).</summary>
    public OriginalSale? FindSaleInJournal(TransactionId id)
    {
        if (id.IsNone)
        {
            return null;
        }
        var finder = ReadJournal(new OriginalSaleFinder(id));
        return finder.Sale is null && !finder.CompletedHold.IsNone ? ReadJournal(new OriginalSaleFinder(finder.CompletedHold)).Sale : finder.Sale;
    }

    private OriginalSaleFinder ReadJournal(OriginalSaleFinder finder)
    {
        foreach (var bytes in Journal)
        {
            finder.Observe(CardEventCodec.Decode(bytes));
        }
        return finder;
    }

    public static UsageScope ScopeOf(params ProjectId[] projects) => new([], [], [.. projects]);
}
