using System.Collections.Immutable;
using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>The commands a scenario's steps become, and the host's side of refunds of sales outside memory.</summary>
internal sealed partial class CardScenarioRunner
{
    /// <summary>
    /// A burst is many steps of one kind, enough to overflow a memory limit: bonus lots (grants),
    /// sales and remembered transactions (a top-up, then purchases), awaited originals (unknown
    /// reversals), open holds (authorizations), received transfers, or the memory of returns from
    /// older sales (small refunds of the earliest sales, most of them outside memory by then).
    /// </summary>
    private static IEnumerable<ScenarioStep> Expand(ScenarioStep step)
    {
        if (step.Kind != StepKind.Burst)
        {
            yield return step;
            yield break;
        }
        var (kind, count) = (step.Pick % 6) switch
        {
            0 => (StepKind.GrantBonus, CardState.MaxBonusLots + 2),
            1 => (StepKind.Purchase, 12),
            2 => (StepKind.ReverseUnknown, 12),
            3 => (StepKind.Authorize, 8),
            4 => (StepKind.ReceiveTransfer, CardState.MaxReceivedTransfers + 2),
            _ => (StepKind.Refund, 12),
        };
        var amount = 1 + (Math.Abs(step.Amount) % 300);
        if (kind == StepKind.Purchase)
        {
            yield return new ScenarioStep(StepKind.TopUp, 20_000, step.Advance, 0, false);
        }
        for (var i = 0; i < count; i++)
        {
            var pick = kind == StepKind.Refund ? i : step.Pick + i;
            yield return new ScenarioStep(kind, amount, i == 0 && kind != StepKind.Purchase ? step.Advance : TimeSpan.FromMinutes(1), pick, step.OtherMerchant);
        }
    }

    /// <summary>
    /// The sale from the journal; a stale lookup answers with the journal as it was right after the
    /// sale, before anything went back from it, as a lagging replica might.
    /// </summary>
    private OriginalSale? LookUp(TransactionId id, bool stale) =>
        stale && _readingsAtSale.TryGetValue(id, out var atSale) ? atSale : _card.FindSaleInJournal(id);

    private void ReadAtSale(CardEvent cardEvent)
    {
        switch (cardEvent)
        {
            case Authorized e:
                _authorized[e.TransactionId] = e;
                break;
            case Purchased e:
                _readingsAtSale[e.TransactionId] = new OriginalSale(e.TransactionId, e.TransactionId, e.Main, e.Bonus, e.BonusLot, e.Merchant, e.At, 0, 0);
                break;
            case HoldCaptured e when _authorized.TryGetValue(e.HoldId, out var hold):
                var sale = new OriginalSale(hold.TransactionId, e.TransactionId, e.Main, e.Bonus, hold.BonusLot, hold.Merchant, e.At, 0, 0);
                _readingsAtSale[hold.TransactionId] = sale;
                _readingsAtSale[e.TransactionId] = sale;
                break;
        }
    }

    private (CardCommand Command, CardReply? ExpectRepeatOf, bool LateOriginal) Build(ScenarioStep step)
    {
        // Now and then the merchant has stopped trading: new spends and refunds there are declined without an event.
        var merchant = (step.OtherMerchant ? CardHarness.Shop : CardHarness.Canteen) with
        {
            Status = step.Pick % 11 == 5 ? MerchantStatus.Suspended : MerchantStatus.Active,
        };
        var amount = Money.Fen(step.Amount);
        var tx = _card.NextTx();
        var key = CardHarness.KeyFor(tx);
        switch (step.Kind)
        {
            case StepKind.TopUp:
                _credits.Add(tx);
                return (new TopUp(tx, key, amount, TopUpChannel.Kiosk), null, false);
            case StepKind.GrantBonus:
                var scope = step.Pick % 2 == 0 ? CardHarness.ScopeOf(new ProjectId(1)) : null;
                return (new GrantBonus(tx, key, amount, _card.Now + TimeSpan.FromDays(1 + (step.Pick % 10)), scope), null, false);
            case StepKind.Authorize or StepKind.Purchase:
            {
                var late = false;
                if (_reversedUnknown.Count > 0 && step.Pick % 5 == 0)
                {
                    // Used once: a transaction id is never reused beyond this (ids are unique in the network).
                    var reversed = _reversedUnknown[step.Pick % _reversedUnknown.Count];
                    _reversedUnknown.Remove(reversed);
                    (tx, key) = (reversed, CardHarness.KeyFor(reversed));
                    late = _memory.AwaitsOriginal(reversed, _card.Now);
                }
                CardCommand spend = step.Kind == StepKind.Authorize ? new Authorize(tx, key, amount, merchant) : new Purchase(tx, key, amount, merchant);
                if (step.Kind == StepKind.Authorize)
                {
                    _holds.Add(tx);
                }
                else
                {
                    _sales.Add(tx);
                }
                return (spend, null, late);
            }
            case StepKind.Capture:
            {
                var hold = Pick(_holds, step.Pick);
                _sales.Add(hold);
                return (new Capture(tx, key, hold, amount, merchant), null, false);
            }
            case StepKind.Reverse:
                return (new Reverse(tx, key, Pick((step.Pick % 3) switch { 0 => _holds, 1 => _sales, _ => _credits }, step.Pick), IdempotencyKey.None), null, false);
            case StepKind.ReverseCredit:
            {
                var original = _credits.Count == 0 ? new TransactionId(++_unknownIds) : _credits[_credits.Count - 1 - (step.Pick % Math.Min(3, _credits.Count))];
                return (new Reverse(tx, key, original, IdempotencyKey.None), null, false);
            }
            case StepKind.ReverseUnknown:
            {
                var unknown = new TransactionId(++_unknownIds);
                _reversedUnknown.Add(unknown);
                return (new Reverse(tx, key, unknown, IdempotencyKey.None), null, false);
            }
            case StepKind.Refund:
                _credits.Add(tx);
                return (new Refund(tx, key, Pick(_sales, step.Pick), IdempotencyKey.None, amount, merchant), null, false);
            case StepKind.RepeatEarlier when _sent.Count > 0:
            {
                var command = _sent[step.Pick % _sent.Count];
                return (command, _memory.RememberedReply(command.Key, _card.Now), false);
            }
            case StepKind.RepeatEarlier or StepKind.Inquire:
                return (new InquireBalance(), null, false);
            case StepKind.Wake:
                return (new ExpireHolds(), null, false);
            case StepKind.Freeze:
                return (new Freeze(), null, false);
            case StepKind.Unfreeze:
                return (new Unfreeze(), null, false);
            case StepKind.Extend:
                return (new Extend(tx, key), null, false);
            // Closing ends a scenario's interesting part, so only one in eight of these steps does it.
            case StepKind.Close when step.Pick < 5:
                return (new Close(tx, key), null, false);
            case StepKind.Replace when step.Pick < 5:
                return (new Replace(tx, key, ReplacementCard), null, false);
            case StepKind.Close or StepKind.Replace:
                return (new InquireBalance(), null, false);
            case StepKind.ReceiveTransfer:
            {
                ImmutableArray<BonusLot> lots = step.Pick % 3 == 0 ? [new BonusLot(new TransactionId(++_unknownIds), 50, _card.Now.AddDays(5), null)] : [];
                var from = CardNumberGenerator.Sequential("622849", 16).ForSequence((ulong)step.Pick);
                return (new ReceiveTransfer(tx, CardHarness.Number, from, _card.Product.Id, new HolderId(42), null, Math.Abs(step.Amount) % 10_000, lots), null, false);
            }
            default:
                throw new InvalidOperationException("unknown step " + step.Kind);
        }
    }

    private TransactionId Pick(List<TransactionId> items, int pick) =>
        pick < items.Count * 4 && items.Count > 0 ? items[pick % items.Count] : new TransactionId(++_unknownIds);
}
