namespace CardActors.Domain.Issuance;

/// <summary>
/// Decides <see cref="AssignCardNumber"/>: the first candidate becomes the request's card number
/// (one event); afterwards every request is answered with that number and persists nothing. The
/// candidates of retries are left unused, which is harmless: numbers are never handed out twice.
/// </summary>
public static class IssueRequestDecider
{
    private static readonly FieldError CandidateMissing = new("card", "a candidate card number must be given");

    public static IssueRequestDecision Decide(IssueRequestState state, AssignCardNumber command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (state.IsAssigned)
        {
            return new IssueRequestDecision(null, new IssueRequestReply(true, state.Card, true, null));
        }
        if (command.Candidate.IsEmpty)
        {
            return new IssueRequestDecision(null, new IssueRequestReply(false, default, false, CandidateMissing));
        }
        var assigned = new CardNumberAssigned(now.ToUniversalTime(), command.Candidate);
        return new IssueRequestDecision(assigned, new IssueRequestReply(true, command.Candidate, false, null));
    }
}
