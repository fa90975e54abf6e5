using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Merchants;

public sealed class MerchantDeciderTests
{
    private static readonly MerchantContext Context = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)));
    private static readonly MerchantId Id = MerchantId.Parse("CANTEEN00000001");
    private static readonly TerminalId Terminal = TerminalId.Parse("T0000001");

    private static RegisterMerchant Registration => new(
        Id, "Canteen", new MerchantCategory(5812), new MerchantGroupId(1), [new ProjectId(1)], SettlementCycle.DailyDefault, new AccountManagerId(3));

    private static (MerchantState State, MerchantReply Reply) Run(MerchantState state, MerchantCommand command)
    {
        var decision = MerchantDecider.Decide(state, command, Context);
        if (decision.Event is { } merchantEvent)
        {
            state.Apply(merchantEvent);
        }
        return (state, decision.Reply);
    }

    private static MerchantState Registered() => Run(new MerchantState(), Registration).State;

    [Fact]
    public void Register_then_the_profile_reflects_it()
    {
        var state = Registered();
        Run(state, new AddTerminal(Terminal));
        var profile = state.Profile;
        Assert.Equal(Id, profile.Id);
        Assert.True(profile.IsTrading);
        Assert.True(profile.HasTerminal(Terminal));
        Assert.Equal(new MerchantCategory(5812), profile.Category);
        Assert.Equal(2, profile.Version);
        Assert.Same(profile, state.Profile);
        var facts = MerchantFacts.From(profile, Terminal);
        Assert.Equal(Id, facts.Merchant);
        Assert.Equal(profile.Projects, facts.Projects);
    }

    [Fact]
    public void Commands_that_change_nothing_are_accepted_without_events()
    {
        var state = Registered();
        Assert.Null(MerchantDecider.Decide(state, Registration, Context).Event);
        Assert.True(MerchantDecider.Decide(state, Registration, Context).Reply.Accepted);
        Assert.Null(MerchantDecider.Decide(state, new ReactivateMerchant(), Context).Event);
        Run(state, new AddTerminal(Terminal));
        Assert.Null(MerchantDecider.Decide(state, new AddTerminal(Terminal), Context).Event);
        Assert.Null(MerchantDecider.Decide(state, new ChangeSettlementCycle(SettlementCycle.DailyDefault), Context).Event);
    }

    [Fact]
    public void Suspend_reactivate_close()
    {
        var state = Registered();
        Run(state, new SuspendMerchant());
        Assert.False(state.Profile.IsTrading);
        Run(state, new ReactivateMerchant());
        Assert.True(state.Profile.IsTrading);
        Run(state, new CloseMerchant());
        Assert.Equal(MerchantStatus.Closed, state.Status);
        var (_, reply) = Run(state, new AddTerminal(Terminal));
        Assert.False(reply.Accepted);
        Assert.Equal("status: merchant closed", reply.Detail);
    }

    [Fact]
    public void Rejections_name_the_field()
    {
        var fresh = new MerchantState();
        Assert.Equal(MerchantRejection.NotRegistered, MerchantDecider.Decide(fresh, new SuspendMerchant(), Context).Reply.Rejection);
        Assert.Equal("name: must be 1 to 100 characters", MerchantDecider.Decide(fresh, Registration with { Name = " " }, Context).Reply.Detail);
        Assert.Equal(MerchantRejection.CategoryMissing, MerchantDecider.Decide(fresh, Registration with { Category = default }, Context).Reply.Rejection);
        var badCycle = new SettlementCycle(SettlementPeriod.Weekly, new BasisPoints(10_001));
        Assert.Equal(MerchantRejection.SettlementCycleInvalid, MerchantDecider.Decide(fresh, Registration with { SettlementCycle = badCycle }, Context).Reply.Rejection);
        var state = Registered();
        Assert.Equal(MerchantRejection.AlreadyRegistered, MerchantDecider.Decide(state, Registration with { Name = "Other" }, Context).Reply.Rejection);
    }

    [Fact]
    public void Terminals_settlement_cycle_and_account_manager_change()
    {
        var state = Registered();
        Run(state, new AddTerminal(Terminal));
        Run(state, new RemoveTerminal(Terminal));
        Assert.Empty(state.Terminals);
        Run(state, new ChangeSettlementCycle(SettlementCycle.WeeklyDefault));
        Assert.Equal(SettlementPeriod.Weekly, state.SettlementCycle.Period);
        Run(state, new AssignAccountManager(new AccountManagerId(8)));
        Assert.Equal(8u, state.AccountManager.Value);
        Run(state, new UpdateMerchantProfile("Canteen B", new MerchantCategory(5814), new MerchantGroupId(2), []));
        Assert.Equal("Canteen B", state.Name);
        Assert.Empty(state.Profile.Projects);
        Assert.Equal(0, state.UnsettledSales);
    }

    [Fact]
    public void Kernel_failures_have_their_own_rejections_and_texts()
    {
        Assert.Equal(12, (int)MerchantRejection.Unavailable);
        Assert.Equal(13, (int)MerchantRejection.Crashed);
        Assert.Equal("merchant: temporarily unavailable, retry", MerchantRejection.Unavailable.Text());
        Assert.Equal("merchant: internal error, nothing changed", MerchantRejection.Crashed.Text());
        Assert.Equal("merchant: internal error, nothing changed", new MerchantReply(false, MerchantRejection.Crashed, 0).Detail);
    }

    [Fact]
    public void Apply_fails_fast_on_an_impossible_journal()
    {
        var state = new MerchantState();
        Assert.Throws<InvalidOperationException>(() => state.Apply(new MerchantSuspended(Context.Now)));
        state = Registered();
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalRemoved(Context.Now, Terminal)));
    }

    [Fact]
    public void Settlement_cycles_default_to_the_operator_schedule_and_round_half_up()
    {
        Assert.Equal(50, SettlementCycle.DailyDefault.FeeRate.Value);
        Assert.Equal(30, SettlementCycle.WeeklyDefault.FeeRate.Value);
        Assert.Equal(0, SettlementCycle.MonthlyDefault.FeeRate.Value);
        Assert.Equal(SettlementCycle.WeeklyDefault, SettlementCycle.DefaultFor(SettlementPeriod.Weekly));
        Assert.Equal(Money.Fen(1), SettlementCycle.DailyDefault.FeeOn(Money.Fen(100)));   // 0.5 fen -> 1
        Assert.Equal(Money.Fen(0), SettlementCycle.DailyDefault.FeeOn(Money.Fen(99)));    // 0.495 fen -> 0
        Assert.Equal(Money.Fen(50), SettlementCycle.DailyDefault.FeeOn(Money.Yuan(100)));
        Assert.Equal(Money.Fen(0), SettlementCycle.MonthlyDefault.FeeOn(Money.Yuan(100_000)));
    }
}
