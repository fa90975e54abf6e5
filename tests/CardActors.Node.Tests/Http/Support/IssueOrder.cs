using CardActors.Domain.Identifiers;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>
/// The position of a card number in the node's issuing order, found by running the node's own
/// (seeded, scrambled) generator forward: two numbers one apart prove nothing was issued between them.
/// </summary>
public static class IssueOrder
{
    private const ulong SearchLimit = 1_000_000;

    public static long Of(TestNode node, string card)
    {
        var issuer = node.Node.Options.Issuer;
        var generator = CardNumberGenerator.Scrambled(issuer.Prefix, issuer.CardNumberLength, issuer.CardNumberSeed);
        var number = CardNumber.Parse(card);
        for (ulong sequence = 0; sequence < SearchLimit; sequence++)
        {
            if (generator.ForSequence(sequence) == number)
            {
                return (long)sequence;
            }
        }

        throw new Xunit.Sdk.XunitException($"card {card} is not among the node's first {SearchLimit} numbers");
    }
}
