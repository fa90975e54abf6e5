namespace CardActors.LoadGen.Engine;

/// <summary>Where a run is in its life.</summary>
public enum RunPhase
{
    NotStarted = 0,

    /// <summary>Sending, results not yet counted.</summary>
    WarmingUp = 1,

    /// <summary>Sending, and the requests intended now are the results.</summary>
    Measuring = 2,

    /// <summary>No longer sending; waiting for outstanding answers.</summary>
    Draining = 3,

    Completed = 4,
}
