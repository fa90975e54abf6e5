using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Engine;

/// <summary>How many measured requests ended with <paramref name="Outcome"/>.</summary>
public readonly record struct OutcomeCount(LoadOutcome Outcome, long Count);
