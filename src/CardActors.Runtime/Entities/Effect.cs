namespace CardActors.Runtime.Entities;

/// <summary>
/// What a command decided: events to persist (none, one or several) and the reply to send once they
/// are durable. One event is carried without an array, so the common case allocates nothing here.
/// </summary>
public readonly struct Effect<TEvent, TReply>
    where TEvent : class
{
    private readonly TEvent? _single;
    private readonly TEvent[]? _many;

    private Effect(TEvent? single, TEvent[]? many, TReply reply)
    {
        _single = single;
        _many = many;
        Reply = reply;
    }

    public TReply Reply { get; }

    public int EventCount => _many?.Length ?? (_single is null ? 0 : 1);

    public TEvent EventAt(int index)
    {
        if (_many is not null)
        {
            return _many[index];
        }

        if (index != 0 || _single is null)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "no such event in this effect");
        }

        return _single;
    }

    /// <summary>Persist one event, then reply.</summary>
    public static Effect<TEvent, TReply> Persist(TEvent @event, TReply reply)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new(@event, null, reply);
    }

    /// <summary>Persist the event if the decision made one, then reply; reply now if it made none.</summary>
    public static Effect<TEvent, TReply> PersistIfAny(TEvent? @event, TReply reply) => new(@event, null, reply);

    /// <summary>Persist the events atomically, in order, then reply.</summary>
    public static Effect<TEvent, TReply> PersistAll(TEvent[] events, TReply reply)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Length switch
        {
            0 => new(null, null, reply),
            1 => new(events[0], null, reply),
            _ => new(null, events, reply),
        };
    }

    /// <summary>Change nothing; reply now.</summary>
    public static Effect<TEvent, TReply> ReplyOnly(TReply reply) => new(null, null, reply);
}
