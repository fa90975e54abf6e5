using System.Collections.Immutable;
using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// Runs a random scenario against one card and checks, after every step, the properties the
/// card must keep: nothing available goes negative, caps and limits hold, holds reconcile, a
/// repeat returns the first reply and emits nothing, each purse's money is accounted for by
/// the events, replies report the state they leave, and the journal replays to the same state.
/// </summary>
internal sealed partial class CardScenarioRunner
{
    private const long PerTransactionLimit = 100_000;
    private const long DailyAmountLimit = 200_000;
    private const int DailyCountLimit = 20;
    private static readonly CardNumber ReplacementCard = CardNumberGenerator.Sequential("622848", 16).Next();

    private readonly CardHarness _card;
    private readonly List<TransactionId> _holds = [];
    private readonly List<TransactionId> _sales = [];
    private readonly List<TransactionId> _credits = [];
    private readonly List<TransactionId> _reversedUnknown = [];
    private readonly List<CardMoneyCommand> _sent = [];
    private readonly PurseLedger _ledger = new();
    private readonly CardMemoryModel _memory;
    private readonly Dictionary<TransactionId, OriginalSale> _readingsAtSale = [];
    private readonly Dictionary<TransactionId, Authorized> _authorized = [];
    private ulong _unknownIds = 1UL << 40;

    public CardScenarioRunner(CardScenario scenario)
    {
        Scenario = scenario;
        var product = new CardProduct
        {
            Id = new ProductId(7),
            Name = "Campus card",
            Identity = CardholderIdentity.RealName,
            PerTransactionLimit = Money.Fen(PerTransactionLimit),
            DailyAmountLimit = Money.Fen(DailyAmountLimit),
            DailyCountLimit = DailyCountLimit,
            SpendingOrder = scenario.BonusFirst ? SpendingOrder.BonusFirst : SpendingOrder.MainFirst,
            Scope = CardHarness.ScopeOf(new ProjectId(1)),
            Extension = new ExtensionPolicy(12, Money.Yuan(2)),
            RecentMemory = scenario.SmallMemory ? CardMemoryLimits.MinMemory : CardMemoryLimits.DefaultMemory,
            SaleMemory = scenario.SmallMemory ? CardMemoryLimits.MinMemory : CardMemoryLimits.DefaultMemory,
            MaxOpenHolds = scenario.SmallMemory ? 2 : CardMemoryLimits.DefaultMaxOpenHolds,
        };
        _memory = new CardMemoryModel(product.RecentMemory, product.IdempotencyWindow);
        var calendar = scenario.DailyCutOff ? new BusinessCalendar(TimeSpan.FromHours(8), new TimeOnly(23, 0)) : BusinessCalendar.Default;
        _card = new CardHarness(product, calendar);
        foreach (var setUp in new CardCommand[] { IssueCommand(), new ActivateCard() })
        {
            var decision = _card.Send(setUp);
            Require(decision.Reply.IsApproved, "the card could not be set up: " + decision.Reply);
            Observe(decision);
        }
    }

    public CardScenario Scenario { get; }

    public void Run()
    {
        for (var index = 0; index < Scenario.Steps.Length; index++)
        {
            var step = Scenario.Steps[index];
            try
            {
                foreach (var single in Expand(step))
                {
                    RunStep(single);
                }
                if (index % 8 == 7)
                {
                    CheckReplay();
                }
            }
            catch (Exception ex) when (ex is not ScenarioFailure)
            {
                throw new ScenarioFailure($"step {index} {step}: {ex.Message}", ex);
            }
        }
        CheckReplay();
    }

    private IssueCard IssueCommand()
    {
        var tx = _card.NextTx();
        return new IssueCard(tx, CardHarness.KeyFor(tx), CardHarness.Number, _card.Product.Id, new HolderId(42), Money.Fen(0));
    }

    private void Observe(CardDecision decision)
    {
        for (var i = 0; i < decision.EventCount; i++)
        {
            _ledger.Account(decision[i]);
            _memory.Observe(decision[i], decision.Reply);
            ReadAtSale(decision[i]);
        }
    }

    private void RunStep(ScenarioStep step)
    {
        _card.Now += step.Advance;
        var now = _card.Now;
        var (command, expectRepeatOf, lateOriginal) = Build(step);
        var decision = command is Refund refund ? _card.SendRefund(refund, id => LookUp(id, stale: step.Pick % 2 == 0)) : _card.Send(command);
        var reply = decision.Reply;
        Observe(decision);

        var state = _card.State;
        Require(state.MainAvailable >= 0 && state.BonusInLots >= 0 && state.AvailableAt(now) >= 0, "available balance went negative");
        Require(_ledger.Main == state.MainBalance, $"main purse {state.MainBalance} but events account for {_ledger.Main}");
        Require(_ledger.Bonus == state.BonusBalance, $"bonus purse {state.BonusBalance} but events account for {_ledger.Bonus}");
        Require(_ledger.OpenHolds.Count == state.Holds.Length, "open holds differ from the events");
        Require(_ledger.OpenHolds.Values.Sum(h => h.Main) == state.MainHeld && _ledger.OpenHolds.Values.Sum(h => h.Bonus) == state.BonusHeld, "held totals differ from the open holds");
        Require(state.Available == state.MainBalance - state.MainHeld + state.BonusBalance - state.BonusHeld, "available is not balance minus holds");
        var memory = _card.Product.Memory;
        Require(state.RecentTransactions.Length <= memory.RecentMemory && state.AwaitedOriginals.Length <= memory.RecentMemory, "more transactions remembered than the limit");
        Require(state.Sales.Length <= memory.SaleMemory && state.ReturnsOfOlderSales.Length <= memory.SaleMemory, "more sales remembered than the limit");
        Require(state.Holds.Length <= memory.MaxOpenHolds, "more holds open than the limit");
        Require(state.ReceivedTransfers.Length <= CardState.MaxReceivedTransfers, "more transfers received than the limit");
        Require(command is not GrantBonus || !reply.IsApproved || reply.Repeated || state.BonusLots.Length <= CardState.MaxBonusLots, "a grant went past the bonus lot limit");
        Require(reply.Reason != DeclineReason.SaleNotInMemory || decision.EventCount == 0, "a sale outside memory was declined with an event");
        Require(reply.Reason != DeclineReason.MerchantNotTrading || decision.EventCount == 0, "a merchant that does not trade was declined with an event");
        Require(reply.Reason != DeclineReason.MerchantNotTrading || command is Authorize or Purchase or Refund, "a decline for the merchant's status came to a command that does not need it");

        if (expectRepeatOf is { } first)
        {
            Require(decision.EventCount == 0, "a repeat emitted events");
            Require(reply == first with { Repeated = true }, $"a repeat got {reply} instead of the first reply {first}");
            return;
        }
        if (lateOriginal)
        {
            Require(!reply.IsApproved, "an original arriving after its reversal was approved");
        }
        if (command is CardMoneyCommand money && !reply.Repeated)
        {
            _sent.Add(money);
        }
        if (!reply.Repeated)
        {
            Require(
                reply.MainBalance == state.MainBalance && reply.BonusBalance == state.BonusBalance && reply.Available == state.AvailableAt(now),
                $"reply balances {reply.MainBalance}/{reply.BonusBalance}/{reply.Available} differ from the state {state.MainBalance}/{state.BonusBalance}/{state.AvailableAt(now)}");
        }
        if (reply.IsApproved && !reply.Repeated)
        {
            CheckLimits(command, state);
        }
    }

    private void CheckLimits(CardCommand command, CardState state)
    {
        switch (command)
        {
            case TopUp:
                Require(state.MainBalance <= _card.Product.BalanceCap.MinorUnits, "a load left the balance above the cap");
                break;
            case Authorize { Amount: var amount }:
                CheckSpendLimits(amount, state);
                break;
            case Purchase { Amount: var amount }:
                CheckSpendLimits(amount, state);
                break;
        }
    }

    private void CheckSpendLimits(Money amount, CardState state)
    {
        Require(amount.MinorUnits is > 0 and <= PerTransactionLimit, "an approved spend broke the per-transaction limit");
        Require(state.DailyUsage.Amount <= DailyAmountLimit, "the daily amount limit was exceeded");
        Require(state.DailyUsage.Count <= DailyCountLimit, "the daily count limit was exceeded");
        Require(state.DailyUsage.Date == _card.Calendar.DateOf(_card.Now), "daily usage is not on today's business date");
    }

    private void CheckReplay()
    {
        var replayed = _card.Replay();
        Require(CardHarness.Snapshot(replayed).AsSpan().SequenceEqual(CardHarness.Snapshot(_card.State)), "replaying the journal gave a different state");
    }

    internal static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new ScenarioFailure(what);
        }
    }
}

internal sealed class ScenarioFailure : Exception
{
    public ScenarioFailure()
    {
    }

    public ScenarioFailure(string message)
        : base(message)
    {
    }

    public ScenarioFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
