using FsCheck;
using FsCheck.Fluent;

namespace CardActors.Domain.Tests.Cards;

/// <summary>What the next command of a random scenario does; interpreted by <see cref="CardScenarioRunner"/>.</summary>
internal enum StepKind
{
    TopUp,
    GrantBonus,
    Authorize,
    Purchase,
    Capture,
    Reverse,

    /// <summary>A reversal of one of the latest credits (top-ups, refunds), which are most likely still unspent.</summary>
    ReverseCredit,
    ReverseUnknown,
    Refund,
    RepeatEarlier,
    Wake,
    Freeze,
    Unfreeze,
    Inquire,
    Extend,
    Close,
    Replace,
    ReceiveTransfer,

    /// <summary>Many commands of one kind at once (see <see cref="CardScenarioRunner"/>), so that every memory limit overflows.</summary>
    Burst,
}

/// <summary>One step: what to do, an amount (may be zero, negative or over any limit), how far time moves first, and which earlier item it refers to.</summary>
internal readonly record struct ScenarioStep(StepKind Kind, long Amount, TimeSpan Advance, int Pick, bool OtherMerchant);

/// <summary>A random scenario; <see cref="SmallMemory"/> gives the card the smallest memory a product may have.</summary>
internal sealed record CardScenario(bool BonusFirst, bool DailyCutOff, bool SmallMemory, ScenarioStep[] Steps)
{
    public override string ToString() =>
        $"bonusFirst={BonusFirst} cutOff={DailyCutOff} smallMemory={SmallMemory} steps=[{string.Join(", ", Steps.Select(s => $"{s.Kind}({s.Amount}, +{s.Advance}, #{s.Pick}{(s.OtherMerchant ? ", shop" : string.Empty)})"))}]";

    public static Arbitrary<CardScenario> Arbitrary()
    {
        var amount = Gen.Frequency(
            (2, Gen.Choose(-100, 0).Select(a => (long)a)),
            (10, Gen.Choose(1, 5_000).Select(a => (long)a)),
            (5, Gen.Choose(5_000, 120_000).Select(a => (long)a)),
            (1, Gen.Choose(400_000, 600_000).Select(a => (long)a)));
        var advance = Gen.Frequency(
            (10, Gen.Constant(TimeSpan.Zero)),
            (5, Gen.Choose(1, 600).Select(m => TimeSpan.FromMinutes(m))),
            (3, Gen.Choose(1, 30).Select(h => TimeSpan.FromHours(h))),
            (1, Gen.Choose(1, 9).Select(d => TimeSpan.FromDays(d))));
        var kind = Gen.Frequency(
            (6, Gen.Constant(StepKind.TopUp)),
            (3, Gen.Constant(StepKind.GrantBonus)),
            (8, Gen.Constant(StepKind.Authorize)),
            (8, Gen.Constant(StepKind.Purchase)),
            (5, Gen.Constant(StepKind.Capture)),
            (4, Gen.Constant(StepKind.Reverse)),
            (3, Gen.Constant(StepKind.ReverseCredit)),
            (1, Gen.Constant(StepKind.ReverseUnknown)),
            (4, Gen.Constant(StepKind.Refund)),
            (6, Gen.Constant(StepKind.RepeatEarlier)),
            (2, Gen.Constant(StepKind.Wake)),
            (1, Gen.Constant(StepKind.Freeze)),
            (1, Gen.Constant(StepKind.Unfreeze)),
            (1, Gen.Constant(StepKind.Inquire)),
            (1, Gen.Constant(StepKind.Extend)),
            (1, Gen.Constant(StepKind.Close)),
            (1, Gen.Constant(StepKind.Replace)),
            (1, Gen.Constant(StepKind.ReceiveTransfer)),
            (2, Gen.Constant(StepKind.Burst)));
        var flag = Gen.Elements(false, true);
        var otherMerchant = Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)));
        var step = kind.SelectMany(k => amount.SelectMany(a => advance.SelectMany(t => Gen.Choose(0, 40).SelectMany(p => otherMerchant.Select(o => new ScenarioStep(k, a, t, p, o))))));
        var scenario = flag.SelectMany(bonusFirst => flag.SelectMany(cutOff => flag.SelectMany(smallMemory =>
            Gen.Choose(1, 60).SelectMany(length => Gen.ArrayOf(step, length).Select(steps => new CardScenario(bonusFirst, cutOff, smallMemory, steps))))));
        return scenario.ToArbitrary();
    }
}
