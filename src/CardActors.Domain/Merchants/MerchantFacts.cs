using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// What a card needs to know about where it is being used: who (merchant, terminal) and the
/// profile facts its scope rules test. The host fills it from the <see cref="MerchantProfile"/>
/// copy it holds; <see cref="Projects"/> is that profile's array, shared, not copied.
/// </summary>
public readonly record struct MerchantFacts(
    MerchantId Merchant,
    TerminalId Terminal,
    MerchantCategory Category,
    MerchantGroupId Group,
    ImmutableArray<ProjectId> Projects)
{
    public static MerchantFacts From(MerchantProfile profile, TerminalId terminal) =>
        new(profile.Id, terminal, profile.Category, profile.Group, profile.Projects);
}
