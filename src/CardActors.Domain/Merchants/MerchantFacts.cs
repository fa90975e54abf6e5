using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// What a card needs to know about where it is being used: who (merchant, terminal), whether the
/// merchant trades, and the profile facts its scope rules test. The host fills it from the
/// <see cref="MerchantProfile"/> copy it holds; <see cref="Projects"/> is that profile's array,
/// shared, not copied. <see cref="Status"/> is the merchant's at the time of the request: the card
/// declines new spends, loads and refunds at a merchant that does not trade, after it has answered
/// a repeat of an earlier request (so a retry of an approval made before a suspension still gets
/// its approval). <see cref="MerchantStatus.None"/> means the host did not say, and counts as trading.
/// </summary>
public readonly record struct MerchantFacts(
    MerchantId Merchant,
    TerminalId Terminal,
    MerchantCategory Category,
    MerchantGroupId Group,
    ImmutableArray<ProjectId> Projects,
    MerchantStatus Status = MerchantStatus.Active)
{
    /// <summary>False for a suspended or closed merchant.</summary>
    public bool IsTrading => Status is not (MerchantStatus.Suspended or MerchantStatus.Closed);

    public static MerchantFacts From(MerchantProfile profile, TerminalId terminal)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Id, terminal, profile.Category, profile.Group, profile.Projects, profile.Status);
    }
}
