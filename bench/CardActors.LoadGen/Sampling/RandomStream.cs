namespace CardActors.LoadGen.Sampling;

/// <summary>The independent random streams a run draws from its one seed.</summary>
public enum RandomStream
{
    Arrivals = 1,
    Cards = 2,
    Merchants = 3,
    OperationMix = 4,
    Amounts = 5,
    Originals = 6,
}
