using CardActors.Domain.Calendar;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

/// <summary>
/// What a card decision needs besides the state and the command: the time (the domain never reads
/// a clock), the card's product terms, and the business calendar. <see cref="Now"/> is kept in UTC.
/// </summary>
public readonly struct CardContext
{
    public CardContext(DateTimeOffset now, CardProduct product, BusinessCalendar? calendar = null)
    {
        Now = now.ToUniversalTime();
        Product = product ?? throw new ArgumentNullException(nameof(product));
        Calendar = calendar ?? BusinessCalendar.Default;
    }

    public DateTimeOffset Now { get; }

    public CardProduct Product { get; }

    public BusinessCalendar Calendar { get; }
}
