using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;
using CardActors.Node.Cards;
using CardActors.Node.Entities;
using CardActors.Node.Products;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Tests.Cards;

/// <summary>
/// The journal side of refunds of sales a card no longer remembers: <see cref="SaleLookup"/> over an
/// in-memory journal written as the kernel writes it, and <see cref="RefundSender"/> driving a card
/// decided by the domain.
/// </summary>
public sealed class SaleLookupTests
{
    private static readonly CardNumber Card = CardNumber.Parse("6222020000000000000");
    private static readonly MerchantFacts Canteen = new(
        MerchantId.Parse("CANTEEN00000001"), TerminalId.Parse("T0000001"), new MerchantCategory(5812), new MerchantGroupId(1), [new ProjectId(1)]);

    private static readonly IEntityIdentity<CardNumber> Identity =
        CardEntity.Type(new ProductCatalog(Currency.Cny), BusinessCalendar.Default, TimeProvider.System, null).Identity;

    private readonly InMemoryJournal _journal = new();
    private readonly JournaledCards _cards;
    private ulong _nextId = 0x1000;

    public SaleLookupTests()
    {
        var product = new CardProduct { Id = new ProductId(7), Name = "Campus card", Identity = CardholderIdentity.RealName, SaleMemory = 4 };
        _cards = new JournaledCards(_journal, Identity, product);
        Assert.True(Ask(new IssueCard(Next(), Key(_nextId), Card, product.Id, new HolderId(42), Money.Fen(0))).IsApproved);
        Assert.True(Ask(new ActivateCard()).IsApproved);
        Assert.True(Ask(new TopUp(Next(), Key(_nextId), Money.Fen(50_000), TopUpChannel.Counter)).IsApproved);
    }

    private SaleLookup Lookup => new(_journal, Identity);

    private RefundSender Sender => new(_cards, Lookup);

    [Fact]
    public async Task A_purchase_is_found_with_what_went_back_from_it()
    {
        var sale = Purchase(5_000);
        Assert.True(Ask(RefundOf(sale, 1_000)).IsApproved);
        PushOutOfMemory();

        var found = await Lookup.FindAsync(Card, sale, default);
        Assert.NotNull(found);
        Assert.Equal((sale, sale, 5_000L, 0L, 1_000L), (found.Id, found.CaptureId, found.Main, found.Bonus, found.ReturnedMain));
        Assert.Equal(Canteen.Merchant, found.Merchant);
        Assert.Null(await Lookup.FindAsync(Card, new TransactionId(0x9999), default));
        Assert.Null(await Lookup.FindAsync(CardNumber.Parse("4111111111111111"), sale, default));
    }

    [Fact]
    public async Task A_completed_hold_is_found_by_either_id_with_its_bonus_lot_and_an_open_hold_is_not_a_sale()
    {
        var lot = Next();
        Assert.True(Ask(new GrantBonus(lot, Key(lot.Value), Money.Fen(2_000), _cards.Now.AddDays(20), null)).IsApproved);
        var hold = Next();
        Assert.True(Ask(new Authorize(hold, Key(hold.Value), Money.Fen(52_000), Canteen)).IsApproved);
        var capture = Next();
        Assert.True(Ask(new Capture(capture, Key(capture.Value), hold, Money.Fen(51_000), Canteen)).IsApproved);
        var open = Next();
        Assert.True(Ask(new Authorize(open, Key(open.Value), Money.Fen(100), Canteen)).IsApproved);

        var byCapture = await Lookup.FindAsync(Card, capture, default);
        var byHold = await Lookup.FindAsync(Card, hold, default);
        Assert.Equal(new OriginalSale(hold, capture, 50_000, 1_000, lot, Canteen.Merchant, byHold!.At, 0, 0), byCapture);
        Assert.Equal(byCapture, byHold);
        Assert.Null(await Lookup.FindAsync(Card, open, default));
    }

    [Fact]
    public async Task A_refund_of_an_old_sale_goes_through_the_journal_partial_then_the_rest_then_no_more()
    {
        var sale = Purchase(5_000);
        PushOutOfMemory();
        var balance = await BalanceAsync();

        var partial = await Sender.SendAsync(Card, RefundOf(sale, 2_000));
        Assert.True(partial.IsApproved, partial.ToString());
        Assert.True((await Sender.SendAsync(Card, RefundOf(sale, 3_000))).IsApproved);
        var more = await Sender.SendAsync(Card, RefundOf(sale, 1));
        Assert.Equal(DeclineReason.RefundExceedsSale, more.Reason);
        Assert.Equal(balance + 5_000, await BalanceAsync());
    }

    [Fact]
    public async Task Two_refunds_sent_together_never_exceed_the_sale()
    {
        var sale = Purchase(5_000);
        PushOutOfMemory();
        _cards.Hold();
        var first = Sender.SendAsync(Card, RefundOf(sale, 3_000)).AsTask();
        var second = Sender.SendAsync(Card, RefundOf(sale, 3_000)).AsTask();
        _cards.Release();
        var replies = await Task.WhenAll(first, second);
        Assert.Single(replies, r => r.IsApproved);
        Assert.Single(replies, r => r.Reason == DeclineReason.RefundExceedsSale);
    }

    [Fact]
    public async Task A_sale_in_memory_needs_no_journal_and_one_the_journal_lacks_is_not_found()
    {
        var recent = Purchase(1_000);
        var asks = _cards.Asks;
        Assert.True((await Sender.SendAsync(Card, RefundOf(recent, 100))).IsApproved);
        Assert.Equal(asks + 1, _cards.Asks);

        var events = await _journal.ReadHighestSequenceNrAsync(Identity.PersistenceIdOf(Card), default);
        var unknown = await Sender.SendAsync(Card, RefundOf(new TransactionId(0x7777), 100));
        Assert.Equal(DeclineReason.SaleNotFound, unknown.Reason);
        Assert.Equal(events, await _journal.ReadHighestSequenceNrAsync(Identity.PersistenceIdOf(Card), default));
    }

    [Fact]
    public async Task An_unreadable_journal_is_answered_issuer_unavailable()
    {
        var sale = Purchase(1_000);
        PushOutOfMemory();
        var sender = new RefundSender(_cards, new SaleLookup(new UnreadableJournal(), Identity));
        var reply = await sender.SendAsync(Card, RefundOf(sale, 100));
        Assert.Equal(ResponseCode.IssuerUnavailable, reply.Code);
        Assert.True(reply.Code.IsRetryable());
    }

    private TransactionId Next() => new(++_nextId);

    private static IdempotencyKey Key(ulong value) => new(0xABCD, value);

    private CardReply Ask(CardCommand command) => _cards.Ask(Card, command).AsTask().GetAwaiter().GetResult();

    private TransactionId Purchase(long fen)
    {
        var tx = Next();
        Assert.True(Ask(new Purchase(tx, Key(tx.Value), Money.Fen(fen), Canteen)).IsApproved);
        return tx;
    }

    private void PushOutOfMemory()
    {
        for (var i = 0; i < 4; i++)
        {
            _cards.Now += TimeSpan.FromHours(1);
            Purchase(10);
        }
    }

    private Refund RefundOf(TransactionId sale, long fen)
    {
        var tx = Next();
        return new Refund(tx, Key(tx.Value), sale, IdempotencyKey.None, Money.Fen(fen), Canteen);
    }

    private async Task<long> BalanceAsync() => (await _cards.Ask(Card, new InquireBalance())).MainBalance;

    /// <summary>A journal that cannot be read, as when the database is down.</summary>
    private sealed class UnreadableJournal : IJournal
    {
        public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken) => throw new JournalUnavailableException();

        public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken) =>
            throw new JournalUnavailableException();

        public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) => throw new JournalUnavailableException();

        public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken) =>
            throw new JournalUnavailableException();
    }

    /// <summary>
    /// Cards decided by the domain one command at a time and journaled before they answer, as the
    /// kernel does; commands can be held back and then let through in order, to send two at once.
    /// </summary>
    private sealed class JournaledCards(InMemoryJournal journal, IEntityIdentity<CardNumber> identity, CardProduct product)
        : IShardRegion<CardNumber, CardCommand, CardReply>, IJournalWriteOwner
    {
        private readonly Dictionary<CardNumber, CardState> _states = [];
        private readonly SemaphoreSlim _turn = new(1, 1);

        public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

        public int Asks { get; private set; }

        public int LiveEntities => _states.Count;

        public void Hold() => _turn.Wait();

        public void Release() => _turn.Release();

        public async ValueTask<CardReply> Ask(CardNumber key, CardCommand command, TimeSpan? timeout = null)
        {
            await _turn.WaitAsync();
            try
            {
                Asks++;
                var state = _states.TryGetValue(key, out var known) ? known : _states[key] = new CardState();
                var decision = CardDecider.Decide(state, command, new CardContext(Now, product));
                var sequenceNr = await journal.ReadHighestSequenceNrAsync(identity.PersistenceIdOf(key), default);
                for (var i = 0; i < decision.EventCount; i++)
                {
                    var write = new JournalWrite(this);
                    write.Begin(identity.PersistenceIdOf(key), 0, ++sequenceNr);
                    CardEventCodec.Encode(decision[i], write);
                    write.EndEvent();
                    await journal.WriteAsync([write], default);
                    Assert.Equal(WriteStatus.Written, write.Status);
                    state.Apply(decision[i]);
                }
                return decision.Reply;
            }
            finally
            {
                _turn.Release();
            }
        }

        public void Tell(CardNumber key, CardCommand command) => _ = Ask(key, command).AsTask();

        public int ShardOf(CardNumber key) => 0;

        public void OnWriteCompleted(JournalWrite write)
        {
        }
    }
}
