namespace CardActors.Domain.Cards;

/// <summary>
/// What <see cref="CardDecider.Decide"/> concluded: the events to persist, in order, and the reply
/// to send once they are durable. Most decisions have zero or one event, which travels without an
/// array; only wake-ups that expire several holds or lots use <see cref="Many"/>.
/// </summary>
public readonly struct CardDecision
{
    private CardDecision(CardEvent? single, CardEvent[]? many, CardReply reply)
    {
        Single = single;
        Many = many;
        Reply = reply;
    }

    public CardEvent? Single { get; }

    public CardEvent[]? Many { get; }

    public CardReply Reply { get; }

    public int EventCount => Many?.Length ?? (Single is null ? 0 : 1);

    public CardEvent this[int index] =>
        Many is { } many ? many[index]
        : index == 0 && Single is { } single ? single
        : throw new ArgumentOutOfRangeException(nameof(index));

    public static CardDecision ReplyOnly(CardReply reply) => new(null, null, reply);

    public static CardDecision Persist(CardEvent @event, CardReply reply) => new(@event, null, reply);

    public static CardDecision Persist(CardEvent[] events, CardReply reply) =>
        events.Length switch
        {
            0 => new(null, null, reply),
            1 => new(events[0], null, reply),
            _ => new(null, events, reply),
        };
}
