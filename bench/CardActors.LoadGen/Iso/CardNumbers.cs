namespace CardActors.LoadGen.Iso;

/// <summary>
/// The run's card numbers as ASCII digits in one flat array, so that writing field 2 reads a span
/// and allocates nothing. Card index i is the i-th provisioned card.
/// </summary>
internal sealed class CardNumbers
{
    private const int MaxDigits = 19;
    private readonly byte[] _digits;
    private readonly byte[] _lengths;

    public CardNumbers(IReadOnlyList<string> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (cards.Count == 0)
        {
            throw new ArgumentException("The run needs at least one card.", nameof(cards));
        }

        _digits = new byte[cards.Count * MaxDigits];
        _lengths = new byte[cards.Count];
        for (var i = 0; i < cards.Count; i++)
        {
            var pan = cards[i];
            if (pan is null || pan.Length is < 16 or > MaxDigits || !pan.All(char.IsAsciiDigit))
            {
                throw new ArgumentException($"Card {i} ({Mask(pan)}) is not a card number of 16 to 19 digits.", nameof(cards));
            }

            for (var d = 0; d < pan.Length; d++)
            {
                _digits[(i * MaxDigits) + d] = (byte)pan[d];
            }

            _lengths[i] = (byte)pan.Length;
        }
    }

    public int Count => _lengths.Length;

    public ReadOnlySpan<byte> this[int index] => _digits.AsSpan(index * MaxDigits, _lengths[index]);

    /// <summary>First 6 and last 4 digits: a card number is never shown in full.</summary>
    public static string Mask(string? pan) =>
        pan is null ? "null" : pan.Length < 11 ? new string('*', pan.Length) : $"{pan[..6]}{new string('*', pan.Length - 10)}{pan[^4..]}";
}
