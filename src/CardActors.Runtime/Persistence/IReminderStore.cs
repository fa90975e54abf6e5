namespace CardActors.Runtime.Persistence;

/// <summary>
/// Durable wake-up times of entities (hold expiries and other deadlines), so that a deadline is met
/// even when the entity was passivated or the node restarted. At most one reminder per entity; it is
/// set and cleared through journal writes, atomically with the events that made it necessary.
/// </summary>
public interface IReminderStore
{
    /// <summary>Reminders due at or before <paramref name="dueBy"/>, earliest first.</summary>
    ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken);
}

public readonly record struct DueReminder(string PersistenceId, int ShardId, DateTimeOffset DueAt);
