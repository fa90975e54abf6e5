using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

/// <summary>A request to one card entity. The card is the entity the host routes to; commands do not repeat its number.</summary>
public abstract record CardCommand;

/// <summary>
/// A command that moves or may move money: it carries the caller's transaction id and the
/// idempotency key under which its first outcome is remembered.
/// </summary>
public abstract record CardMoneyCommand(TransactionId TransactionId, IdempotencyKey Key) : CardCommand;

/// <summary>Sells a card of a product, optionally with an initial load of customer money.</summary>
public sealed record IssueCard(TransactionId TransactionId, IdempotencyKey Key, CardNumber Card, ProductId Product, HolderId Holder, Money InitialLoad)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>Makes an issued card usable; the validity period starts now.</summary>
public sealed record ActivateCard : CardCommand;

/// <summary>
/// Loads customer money into the main purse, up to the product's balance cap. A load paid at a
/// merchant's counter (ISO 0200, processing code 21) names the merchant, which must be trading;
/// the issuer's own channels name none.
/// </summary>
public sealed record TopUp(TransactionId TransactionId, IdempotencyKey Key, Money Amount, TopUpChannel Channel, MerchantFacts? Merchant = null)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>Adds a lot of promotional money to the bonus purse (top-up bonus, voucher, cashback).</summary>
public sealed record GrantBonus(TransactionId TransactionId, IdempotencyKey Key, Money Amount, DateTimeOffset ExpiresAt, UsageScope? Scope)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>Places a hold (ISO 0100). The transaction id becomes the hold's id.</summary>
public sealed record Authorize(TransactionId TransactionId, IdempotencyKey Key, Money Amount, MerchantFacts Merchant)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>
/// Completes a hold (ISO 0220): captures the smaller of <see cref="Amount"/> and the held amount
/// and releases the rest. Honoured at a merchant that has stopped trading since the authorization.
/// </summary>
public sealed record Capture(TransactionId TransactionId, IdempotencyKey Key, TransactionId HoldId, Money Amount, MerchantFacts Merchant)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>Authorizes and captures in one step (ISO 0200, processing code 00).</summary>
public sealed record Purchase(TransactionId TransactionId, IdempotencyKey Key, Money Amount, MerchantFacts Merchant)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>
/// Undoes an authorization, capture or purchase, or takes back the credit of a top-up or refund
/// (ISO 0400/0420), named by its transaction id or, within the idempotency window, by its
/// idempotency key. An unknown original is remembered so that it is declined if it arrives later.
/// </summary>
public sealed record Reverse(TransactionId TransactionId, IdempotencyKey Key, TransactionId OriginalId, IdempotencyKey OriginalKey)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>
/// Returns part or all of an earlier sale (ISO 0200, processing code 20). A sale the card no longer
/// holds in memory is answered <see cref="DeclineReason.SaleNotInMemory"/> (nothing persisted) until
/// the host sends the refund again with <see cref="Sale"/>, the sale as the card's journal records it.
/// </summary>
public sealed record Refund(
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId OriginalId,
    IdempotencyKey OriginalKey,
    Money Amount,
    MerchantFacts Merchant,
    OriginalSale? Sale = null)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>Wake-up at <see cref="CardState.NextDeadline"/>: releases expired holds and forfeits expired bonus.</summary>
public sealed record ExpireHolds : CardCommand;

/// <summary>Reads the balances (ISO 0200, processing code 31); nothing is persisted.</summary>
public sealed record InquireBalance : CardCommand;

public sealed record Freeze : CardCommand;

public sealed record Unfreeze : CardCommand;

/// <summary>Blocks a real-name card for good; its balance can then be moved by <see cref="Replace"/>.</summary>
public sealed record ReportLost : CardCommand;

/// <summary>Old card side of a replacement: moves the whole balance out to <see cref="NewCard"/>.</summary>
public sealed record Replace(TransactionId TransactionId, IdempotencyKey Key, CardNumber NewCard)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>
/// New card side of a replacement: credits the moved balance (minor units of the product's
/// currency, which both cards share), once per transfer id however often
/// it is delivered. A card number never issued before is created by it, active.
/// </summary>
public sealed record ReceiveTransfer(
    TransactionId TransferId,
    CardNumber Card,
    CardNumber FromCard,
    ProductId Product,
    HolderId Holder,
    DateTimeOffset? ExpiresAt,
    long Main,
    ImmutableArray<BonusLot> Lots) : CardCommand;

/// <summary>Old card side: the new card has the money, so the pending transfer is done.</summary>
public sealed record ConfirmTransferOut(TransactionId TransferId) : CardCommand;

/// <summary>Pushes the expiry out by the product's extension policy, charging its fee to the main purse.</summary>
public sealed record Extend(TransactionId TransactionId, IdempotencyKey Key)
    : CardMoneyCommand(TransactionId, Key);

/// <summary>Redeems the card: pays out the remaining customer money; bonus money is forfeited.</summary>
public sealed record Close(TransactionId TransactionId, IdempotencyKey Key)
    : CardMoneyCommand(TransactionId, Key);
