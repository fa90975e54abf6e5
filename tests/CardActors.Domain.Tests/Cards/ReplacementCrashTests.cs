using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// Replacement across two cards with a crash injected at every persist point (before and after
/// each append), and with every message delivered twice: the money over both cards is conserved
/// and arrives on the new card exactly once.
/// </summary>
public sealed class ReplacementCrashTests
{
    private static readonly CardNumber NewCard = CardNumberGenerator.Sequential("622848", 19, 77).Next();

    [Fact]
    public void A_crash_anywhere_completes_the_move_exactly_once()
    {
        for (var crashAt = 0; crashAt < 16; crashAt++)
        {
            foreach (var duplicates in new[] { false, true })
            {
                RunWithCrash(crashAt, duplicates);
            }
        }
    }

    [Fact]
    public void Without_a_crash_the_old_card_is_closed_and_the_new_card_active()
    {
        var (node, total) = PreparedNode();
        Assert.True(node.RunReplacement(duplicates: false));
        var oldCard = node.State(CardHarness.Number);
        var newCard = node.State(NewCard);
        Assert.Equal(CardStatus.Closed, oldCard.Status);
        Assert.Null(oldCard.PendingTransfer);
        Assert.Null(oldCard.NextDeadline);
        Assert.Equal(CardStatus.Active, newCard.Status);
        Assert.Equal(oldCard.Holder, newCard.Holder);
        Assert.Equal(oldCard.ExpiresAt, newCard.ExpiresAt);
        Assert.Equal(total, newCard.MainBalance + newCard.BonusBalance);
        Assert.Equal(2_000, newCard.BonusBalance);
    }

    [Fact]
    public void A_closed_target_is_refused_for_good()
    {
        var reply = new CardReply(ResponseCode.RestrictedCard, default, 0, 0, 0, 0, 0, 0, DeclineReason.CardClosed);
        Assert.True(CardReplacementProcess.IsRefusedForGood(reply));
        Assert.False(CardReplacementProcess.IsRefusedForGood(reply with { Code = ResponseCode.IssuerUnavailable }));
        Assert.Null(CardReplacementProcess.ConfirmationAfter(new ReplacementStep(null), reply));
    }

    private static void RunWithCrash(int crashAt, bool duplicates)
    {
        var (node, total) = PreparedNode();
        node.CrashAt = node.PersistPoints + crashAt;
        var completed = node.RunReplacement(duplicates);
        node.CrashAt = -1;
        node.Recover();
        if (!completed)
        {
            Assert.True(node.RunReplacement(duplicates), $"crash at {crashAt}: recovery did not complete");
        }
        // A second recovery run finds nothing left to do.
        Assert.True(node.RunReplacement(duplicates));
        var oldCard = node.State(CardHarness.Number);
        var newCard = node.State(NewCard);
        var context = $"crash at {crashAt}, duplicates {duplicates}";
        Assert.True(oldCard.PendingTransfer is null, context);
        Assert.True(0 == oldCard.MainBalance + oldCard.BonusBalance, context);
        Assert.True(total == newCard.MainBalance + newCard.BonusBalance, context);
        Assert.True(1 == newCard.ReceivedTransfers.Length, context);
    }

    private static (SimulatedNode Node, long Total) PreparedNode()
    {
        var node = new SimulatedNode();
        var harness = new CardHarness().Ready(30_000);
        harness.Grant(2_000, TimeSpan.FromDays(90));
        harness.Purchase(1_000);
        node.Seed(CardHarness.Number, harness.Journal);
        var old = node.State(CardHarness.Number);
        return (node, old.MainBalance + old.BonusBalance);
    }

    /// <summary>Journals survive a crash; everything else (states, messages in flight) is lost.</summary>
    private sealed class SimulatedNode
    {
        private static readonly TransactionId ReplaceTx = new(0xBEEF);
        private readonly Dictionary<CardNumber, List<byte[]>> _journals = [];
        private readonly Dictionary<CardNumber, CardState> _states = [];
        private readonly CardHarness _clock = new();

        public int CrashAt { get; set; } = -1;

        public int PersistPoints { get; private set; }

        public void Seed(CardNumber card, List<byte[]> journal) => _journals[card] = [.. journal];

        public CardState State(CardNumber card)
        {
            if (!_states.TryGetValue(card, out var state))
            {
                state = new CardState();
                foreach (var bytes in _journals.GetValueOrDefault(card) ?? [])
                {
                    state.Apply(CardEventCodec.Decode(bytes));
                }
                _states[card] = state;
            }
            return state;
        }

        public void Recover() => _states.Clear();

        /// <summary>The host's procedure; returns false when it crashed part-way.</summary>
        public bool RunReplacement(bool duplicates)
        {
            try
            {
                Send(CardHarness.Number, new Replace(ReplaceTx, CardHarness.KeyFor(ReplaceTx), NewCard));
                for (var round = 0; round < 4; round++)
                {
                    var step = CardReplacementProcess.Plan(State(CardHarness.Number));
                    if (step.IsComplete)
                    {
                        return true;
                    }
                    var reply = Send(NewCard, step.Delivery!);
                    if (duplicates)
                    {
                        reply = Send(NewCard, step.Delivery!);
                    }
                    var confirmation = CardReplacementProcess.ConfirmationAfter(step, reply);
                    Assert.NotNull(confirmation);
                    Send(CardHarness.Number, confirmation);
                    if (duplicates)
                    {
                        Send(CardHarness.Number, confirmation);
                    }
                }
                throw new InvalidOperationException("replacement did not settle");
            }
            catch (CrashException)
            {
                _states.Clear();
                return false;
            }
        }

        private CardReply Send(CardNumber card, CardCommand command)
        {
            var state = State(card);
            var decision = CardDecider.Decide(state, command, new CardContext(_clock.Now, _clock.Product));
            for (var i = 0; i < decision.EventCount; i++)
            {
                CrashPoint();
                var buffer = new ArrayBufferWriter<byte>();
                CardEventCodec.Encode(decision[i], buffer);
                var bytes = buffer.WrittenSpan.ToArray();
                if (!_journals.TryGetValue(card, out var journal))
                {
                    _journals[card] = journal = [];
                }
                journal.Add(bytes);
                CrashPoint();
                state.Apply(CardEventCodec.Decode(bytes));
            }
            return decision.Reply;
        }

        private void CrashPoint()
        {
            if (PersistPoints++ == CrashAt)
            {
                throw new CrashException();
            }
        }
    }

    private sealed class CrashException : Exception
    {
    }
}
