namespace CardActors.Domain.Encoding;

/// <summary>The first byte of every encoded card number pool event. Journaled: values are never changed or reused.</summary>
public enum CardNumberPoolEventTag : byte
{
    CardNumbersReserved = 1,
}
