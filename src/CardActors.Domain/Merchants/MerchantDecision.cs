namespace CardActors.Domain.Merchants;

/// <summary>The answer to a merchant command.</summary>
public readonly record struct MerchantReply(bool Accepted, MerchantRejection Rejection, long Version)
{
    public string Detail => Rejection.Text();
}

/// <summary>At most one event to persist, and the reply to send once it is durable.</summary>
public readonly record struct MerchantDecision(MerchantEvent? Event, MerchantReply Reply);
