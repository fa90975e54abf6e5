using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Entities;

/// <summary>An entity waiting in a <see cref="RecoveryQueue"/>.</summary>
internal interface IRecoveringEntity : IRecoveryTarget
{
    /// <summary>The read that carried this entity is over; <paramref name="failure"/> is set when it failed as a whole.</summary>
    void OnRecoveryRead(Exception? failure);
}
