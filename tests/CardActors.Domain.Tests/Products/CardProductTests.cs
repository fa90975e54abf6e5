using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Products;

public sealed class CardProductTests
{
    [Fact]
    public void Defaults_follow_the_pboc_caps_and_standard_windows()
    {
        var anonymous = new CardProduct { Id = new ProductId(1), Name = "Gift" };
        var realName = new CardProduct { Id = new ProductId(2), Name = "Campus", Identity = CardholderIdentity.RealName };
        Assert.Equal(Money.Fen(100_000), anonymous.BalanceCap);
        Assert.Equal(Money.Fen(500_000), realName.BalanceCap);
        Assert.Equal(TimeSpan.FromDays(7), anonymous.HoldExpiry);
        Assert.Equal(TimeSpan.FromHours(24), anonymous.IdempotencyWindow);
        Assert.Equal(TimeSpan.FromDays(30), anonymous.RefundWindow);
        Assert.Equal(SpendingOrder.MainFirst, anonymous.SpendingOrder);
        Assert.True(anonymous.Scope.IsAnywhere);
        Assert.Equal(new CardMemoryLimits(32, 32, 32), anonymous.Memory);
        Assert.Empty(anonymous.Validate());
        Assert.Empty(realName.Validate());
    }

    [Fact]
    public void Validate_reports_every_problem_by_field()
    {
        var product = new CardProduct
        {
            Id = default,
            Name = "",
            Denominations = [Money.Fen(0), Money.Yuan(2_000)],
            ValidityMonths = null,
            PerTransactionLimit = Money.Fen(-1),
            DailyAmountLimit = new Money(100, Currency.Create(840, 2)),
            DailyCountLimit = 0,
            HoldExpiry = TimeSpan.Zero,
            IdempotencyWindow = TimeSpan.FromDays(8),
            RefundWindow = TimeSpan.FromDays(-1),
            Extension = new ExtensionPolicy(0, Money.Fen(-5)),
            DormancyMonths = 0,
            RecentMemory = 3,
            SaleMemory = 257,
            MaxOpenHolds = 0,
        };
        var fields = product.Validate().Select(e => e.Field).ToHashSet();
        string[] expected =
        [
            "id", "name", "denominations", "validityMonths", "perTransactionLimit", "dailyAmountLimit", "dailyCountLimit",
            "holdExpiry", "idempotencyWindow", "refundWindow", "extension.monthsAdded", "extension.fee", "dormancyMonths",
            "recentMemory", "saleMemory", "maxOpenHolds",
        ];
        Assert.Equal(expected.ToHashSet(), fields);
        Assert.Contains(product.Validate(), e => e is { Field: "validityMonths", Rule: "only real-name products may have no expiry" });
        Assert.Contains(product.Validate(), e => e is { Field: "denominations", Rule: "must not exceed the balance cap" });
        Assert.Contains(product.Validate(), e => e is { Field: "maxOpenHolds", Rule: "must be 1 to 1024 holds" });
    }

    [Fact]
    public void Memory_terms_accept_their_whole_range()
    {
        foreach (var (recent, sales, holds) in new[] { (4, 4, 1), (256, 256, 1024), (32, 100, 7) })
        {
            var product = new CardProduct { Id = new ProductId(1), Name = "Gift", RecentMemory = recent, SaleMemory = sales, MaxOpenHolds = holds };
            Assert.Empty(product.Validate());
            Assert.True(product.Memory.IsValid);
        }
        var other = new CardProduct { Id = new ProductId(1), Name = "Gift", SaleMemory = 64 };
        Assert.False(other.HasSameTermsAs(new CardProduct { Id = new ProductId(1), Name = "Gift" }));
    }

    [Fact]
    public void Real_name_products_may_have_no_expiry()
    {
        var product = new CardProduct { Id = new ProductId(2), Name = "Staff", Identity = CardholderIdentity.RealName, ValidityMonths = null };
        Assert.Empty(product.Validate());
    }

    [Fact]
    public void Usage_scope_restricts_each_listed_dimension()
    {
        var scope = new UsageScope([new MerchantCategory(5812)], [new MerchantGroupId(1)], [new ProjectId(1), new ProjectId(2)]);
        var terminal = TerminalId.Parse("T0000001");
        var merchant = MerchantId.Parse("CANTEEN00000001");
        Assert.True(scope.Permits(new MerchantFacts(merchant, terminal, new MerchantCategory(5812), new MerchantGroupId(1), [new ProjectId(2), new ProjectId(9)])));
        Assert.False(scope.Permits(new MerchantFacts(merchant, terminal, new MerchantCategory(5411), new MerchantGroupId(1), [new ProjectId(1)])));
        Assert.False(scope.Permits(new MerchantFacts(merchant, terminal, new MerchantCategory(5812), new MerchantGroupId(2), [new ProjectId(1)])));
        Assert.False(scope.Permits(new MerchantFacts(merchant, terminal, new MerchantCategory(5812), new MerchantGroupId(1), [])));
        Assert.True(UsageScope.Anywhere.Permits(default));
    }
}
