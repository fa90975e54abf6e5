namespace CardActors.Iso8583;

/// <summary>
/// The presence table of docs/iso8583.md, one row per message type. M mandatory, C conditional
/// (a rule in <see cref="ConditionalRules"/>), O optional, E (responses) echoed from the request when
/// the request has it. Every request carries a MAC except a 0800 echo.
/// </summary>
internal static class MessageRules
{
    private const string AuthorizationRequest = "2C 3M 4M 7M 11M 12M 13M 22M 32M 33O 37M 41M 42M 48C 49M";
    private const string AuthorizationResponse = "3M 4M 7M 11M 12M 13M 32M 33E 37M 38C 39M 41M 42M 49M 54C";
    private const string FinancialRequest = "2C 3M 4C 7M 11M 12M 13M 22M 32M 33O 37M 41M 42M 48C 49M 90C";
    private const string FinancialResponse = "3M 4E 7M 11M 12M 13M 32M 33E 37M 38C 39M 41M 42M 49M 54C";
    private const string FollowUpRequest = "2O 3M 4M 7M 11M 12O 13O 22O 32M 33O 37M 38O 41M 42M 49M 90M";
    private const string FollowUpResponse = "3M 4M 7M 11M 12E 13E 32M 33E 37M 39M 41M 42M 49M 54C";
    private const string BatchTotalsRequest = "7M 11M 12O 13O 15M 32M 33O 41M 42M 48O 49M 74M 75M 76M 77M 86M 87M 88M 89M";
    private const string BatchTotalsResponse = "7M 11M 12E 13E 15M 32M 33E 39M 41M 42M";
    private const string NetworkRequest = "7M 11M 12O 13O 32M 33O 41M 42M 70M";
    private const string NetworkResponse = "7M 11M 12E 13E 32M 33E 39M 41M 42M 70M";

    private static readonly MessageRule?[] ByMti = Build();

    /// <summary>The rule of a message type, or null when the specification does not define it.</summary>
    public static MessageRule? Find(int mti) => (uint)mti < (uint)ByMti.Length ? ByMti[mti] : null;

    private static MessageRule?[] Build()
    {
        var table = new MessageRule?[811];
        void Pair(MessageType request, string requestPresence, string responsePresence)
        {
            table[(int)request] = new MessageRule((int)request, macRequired: true, requestPresence);
            var response = (int)MessageTypes.ResponseTo(request);
            table[response] = new MessageRule(response, macRequired: false, responsePresence);
        }

        Pair(MessageType.AuthorizationRequest, AuthorizationRequest, AuthorizationResponse);
        Pair(MessageType.FinancialRequest, FinancialRequest, FinancialResponse);
        Pair(MessageType.CompletionAdvice, FollowUpRequest, FollowUpResponse);
        Pair(MessageType.ReversalRequest, FollowUpRequest, FollowUpResponse);
        Pair(MessageType.ReversalAdvice, FollowUpRequest, FollowUpResponse);
        Pair(MessageType.BatchTotalsRequest, BatchTotalsRequest, BatchTotalsResponse);
        Pair(MessageType.NetworkManagementRequest, NetworkRequest, NetworkResponse);
        return table;
    }
}
