using CardActors.Domain.Cards;
using CardActors.Domain.Codes;

namespace CardActors.Node.Gateway;

/// <summary>What to answer a request with; the connection's writer turns it into bytes.</summary>
internal struct IsoResponse
{
    public IsoResponseKind Kind;
    public ResponseCode Code;

    /// <summary>Set when the card replied: carries the approval code and balances for fields 38 and 54.</summary>
    public CardReply? Reply;

    public static IsoResponse FormatError => new() { Kind = IsoResponseKind.FormatError, Code = ResponseCode.FormatError };

    public static IsoResponse With(ResponseCode code) => new() { Kind = IsoResponseKind.Answer, Code = code };

    public static IsoResponse From(in CardReply reply) => new() { Kind = IsoResponseKind.Answer, Code = reply.Code, Reply = reply };
}

internal enum IsoResponseKind : byte
{
    /// <summary>The request parsed: answer with the request's echoed fields.</summary>
    Answer,

    /// <summary>The request did not parse: answer 30 with only the fields read intact.</summary>
    FormatError,
}
