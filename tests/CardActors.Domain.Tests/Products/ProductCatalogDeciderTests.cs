using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;
using CardActors.Domain.Tests.Encoding;

namespace CardActors.Domain.Tests.Products;

public sealed class ProductCatalogDeciderTests
{
    private static readonly ProductCatalogContext Context = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)));

    private static CardProduct Gift(uint id, string name = "Gift") => new() { Id = new ProductId(id), Name = name };

    private static ProductCatalogDecision Run(ProductCatalogState state, ProductCatalogCommand command)
    {
        var decision = ProductCatalogDecider.Decide(state, command, Context);
        if (decision.Event is { } catalogEvent)
        {
            state.Apply(catalogEvent);
        }
        return decision;
    }

    [Fact]
    public void Defined_products_are_found_and_listed_in_id_order()
    {
        var state = new ProductCatalogState();
        var decision = Run(state, new DefineProduct(Gift(20)));
        var defined = Assert.IsType<ProductDefined>(decision.Event);
        Assert.Equal(Context.Now, defined.At);
        Assert.Equal(TimeSpan.Zero, Context.Now.Offset);
        Assert.Equal(new ProductCatalogReply(true, decision.Reply.Errors, 1), decision.Reply);
        Assert.Empty(decision.Reply.Errors);
        Assert.Equal(string.Empty, decision.Reply.Detail);
        Run(state, new DefineProduct(Gift(3)));
        Run(state, new DefineProduct(Gift(11)));
        Assert.Equal(new uint[] { 3, 11, 20 }, state.All.Select(p => p.Id.Value).ToArray());
        Assert.Equal(3, state.Version);
        Assert.Equal(3, state.Count);
        Assert.Equal("Gift", state.Find(new ProductId(11))!.Name);
        Assert.Null(state.Find(new ProductId(12)));
        Assert.Null(new ProductCatalogState().Find(new ProductId(1)));
    }

    [Fact]
    public void Defining_an_existing_id_is_rejected_naming_it()
    {
        var state = new ProductCatalogState();
        Run(state, new DefineProduct(Gift(7)));
        var decision = Run(state, new DefineProduct(Gift(7, "Other")));
        Assert.Null(decision.Event);
        Assert.False(decision.Reply.Accepted);
        Assert.Equal(1, decision.Reply.Version);
        Assert.Equal("id: product 7 already exists", Assert.Single(decision.Reply.Errors).ToString());
        Assert.Equal("Gift", state.Find(new ProductId(7))!.Name);
    }

    [Fact]
    public void Defining_an_invalid_product_reports_every_problem()
    {
        var state = new ProductCatalogState();
        var decision = Run(state, new DefineProduct(new CardProduct { Id = default, Name = " ", DailyCountLimit = 0 }));
        Assert.Null(decision.Event);
        Assert.False(decision.Reply.Accepted);
        Assert.Equal(new[] { "id", "name", "dailyCountLimit" }, decision.Reply.Errors.Select(e => e.Field).ToArray());
        Assert.Equal("id: must not be zero; name: must not be empty; dailyCountLimit: must be at least 1", decision.Reply.Detail);
        Assert.Equal("product: must be set", Assert.Single(Run(state, new DefineProduct(null!)).Reply.Errors).ToString());
        Assert.Equal(0, state.Version);
    }

    [Fact]
    public void A_revision_changes_everything_but_currency_and_identity()
    {
        var state = new ProductCatalogState();
        Run(state, new DefineProduct(ProductCatalogCodecTests.Full));
        var revised = new CardProduct
        {
            Id = new ProductId(9),
            Name = "Campus 2026",
            Denominations = [Money.Yuan(20)],
            BalanceCap = Money.Yuan(1_000),
            ValidityMonths = 12,
            DailyCountLimit = 5,
            SpendingOrder = SpendingOrder.MainFirst,
            RefundWindow = TimeSpan.FromDays(15),
            Extension = null,
        };
        var decision = Run(state, new ReviseProduct(revised));
        Assert.IsType<ProductRevised>(decision.Event);
        Assert.Equal(new ProductCatalogReply(true, decision.Reply.Errors, 2), decision.Reply);
        var current = state.Find(new ProductId(9))!;
        Assert.Same(revised, current);
        Assert.Null(current.PerTransactionLimit);
        Assert.Equal(TimeSpan.FromDays(15), current.RefundWindow);
        Assert.Equal(1, state.Count);
    }

    [Fact]
    public void A_revision_that_changes_nothing_is_accepted_without_an_event()
    {
        var state = new ProductCatalogState();
        Run(state, new DefineProduct(Gift(7)));
        var decision = Run(state, new ReviseProduct(Gift(7)));
        Assert.Null(decision.Event);
        Assert.True(decision.Reply.Accepted);
        Assert.Equal(1, decision.Reply.Version);

        // A cap set to the value it defaults to is the same term.
        var explicitCap = new CardProduct { Id = new ProductId(7), Name = "Gift", BalanceCap = Money.Fen(CardProduct.DefaultAnonymousCapFen) };
        Assert.Null(Run(state, new ReviseProduct(explicitCap)).Event);
        Assert.NotNull(Run(state, new ReviseProduct(Gift(7, "Gift card"))).Event);
    }

    [Fact]
    public void Revising_an_unknown_id_currency_or_identity_is_rejected()
    {
        var state = new ProductCatalogState();
        Run(state, new DefineProduct(Gift(7)));
        Assert.Equal("id: product 8 does not exist", Assert.Single(Run(state, new ReviseProduct(Gift(8))).Reply.Errors).ToString());

        var yen = Currency.Create(392, 0);
        var otherTerms = new CardProduct
        {
            Id = new ProductId(7), Name = "Gift", Currency = yen, Identity = CardholderIdentity.RealName, Extension = new ExtensionPolicy(12, new Money(0, yen)),
        };
        var decision = Run(state, new ReviseProduct(otherTerms));
        Assert.Null(decision.Event);
        Assert.Equal(new[] { "currency: cannot change", "identity: cannot change" }, decision.Reply.Errors.Select(e => e.ToString()).ToArray());

        var invalid = Run(state, new ReviseProduct(new CardProduct { Id = new ProductId(7), Name = "Gift", HoldExpiry = TimeSpan.Zero }));
        Assert.Equal("holdExpiry", Assert.Single(invalid.Reply.Errors).Field);
        Assert.Equal(1, state.Version);
        Assert.Equal("product: must be set", Assert.Single(Run(state, new ReviseProduct(null!)).Reply.Errors).ToString());
    }

    [Fact]
    public void The_catalog_is_bounded()
    {
        var state = new ProductCatalogState();
        for (uint id = 1; id <= ProductCatalogState.MaxProducts; id++)
        {
            Assert.True(Run(state, new DefineProduct(Gift(id))).Reply.Accepted);
        }
        var decision = Run(state, new DefineProduct(Gift(5_000)));
        Assert.Equal("id: the catalog already holds the maximum of 1024 products", Assert.Single(decision.Reply.Errors).ToString());
        Assert.Throws<InvalidOperationException>(() => state.Apply(new ProductDefined(Context.Now, Gift(5_000))));
    }

    [Fact]
    public void Apply_fails_fast_on_an_impossible_journal()
    {
        var state = new ProductCatalogState();
        Assert.Throws<InvalidOperationException>(() => state.Apply(new ProductRevised(Context.Now, Gift(7))));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new ProductDefined(Context.Now, Gift(0))));
        state.Apply(new ProductDefined(Context.Now, Gift(7)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new ProductDefined(Context.Now, Gift(7))));
        var realName = new CardProduct { Id = new ProductId(7), Name = "Gift", Identity = CardholderIdentity.RealName };
        Assert.Throws<InvalidOperationException>(() => state.Apply(new ProductRevised(Context.Now, realName)));
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public void Replay_does_not_validate_again()
    {
        // A product accepted under older rules must still replay if a rule becomes stricter.
        var state = new ProductCatalogState();
        state.Apply(new ProductDefined(Context.Now, new CardProduct { Id = new ProductId(7), Name = "", DailyCountLimit = 0 }));
        Assert.Equal(1, state.Count);
    }
}
