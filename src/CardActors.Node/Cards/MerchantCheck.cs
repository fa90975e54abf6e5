using CardActors.Domain;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;

namespace CardActors.Node.Cards;

/// <summary>
/// The merchant side of a card operation, checked on this node's profile copy before the card is
/// asked: the merchant must be known and the terminal registered to it. Whether the merchant still
/// trades is not checked here: the facts carry its status and the card decides, after answering a
/// repeat of an earlier request, so a retry of an approval made before a suspension gets it back.
/// </summary>
public readonly record struct MerchantCheck(MerchantFacts Facts, ResponseCode Refusal, FieldError Error)
{
    public bool Passed => Refusal == ResponseCode.Approved;

    public static MerchantCheck Of(MerchantProfile? profile, TerminalId terminal) =>
        profile is null ? new(default, ResponseCode.InvalidTransaction, new("merchantId", "not registered"))
        : !profile.HasTerminal(terminal) ? new(default, ResponseCode.InvalidTransaction, new("terminalId", "not registered for this merchant"))
        : new(MerchantFacts.From(profile, terminal), ResponseCode.Approved, default);
}
