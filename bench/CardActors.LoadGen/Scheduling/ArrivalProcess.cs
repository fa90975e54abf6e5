namespace CardActors.LoadGen.Scheduling;

/// <summary>How intended send times are spaced at a given mean rate.</summary>
public enum ArrivalProcess
{
    /// <summary>Evenly spaced: exactly one request every 1/rate seconds.</summary>
    Constant = 0,

    /// <summary>Independent exponential gaps (seeded): the bursts many independent terminals make.</summary>
    Poisson = 1,
}
