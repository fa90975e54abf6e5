using CardActors.Runtime.Dispatch;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Postgres;

/// <summary>
/// Splits a batch into transactions ("rounds"): every item not yet settled goes into the next round
/// unless its entity already has an item there (the same entity twice would make one statement
/// touch a row twice, and its second item would be checked against a number not yet stored); such
/// a repeat waits for the following round. The kernel never queues two writes of one entity at once,
/// so a batch from it is always one round.
/// </summary>
internal sealed class RoundSelector
{
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _snapshotIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reminderIds = new(StringComparer.Ordinal);
    private readonly List<int> _candidates = [];
    private bool[] _settled = new bool[64];

    /// <summary>Batch positions of the current round's items.</summary>
    public IReadOnlyList<int> Candidates => _candidates;

    public void Begin(int count)
    {
        if (_settled.Length < count)
        {
            _settled = new bool[Math.Max(count, _settled.Length * 2)];
        }

        Array.Clear(_settled, 0, count);
    }

    public void Settle(int index) => _settled[index] = true;

    public bool IsSettled(int index) => _settled[index];

    /// <summary>Picks the next round; false when every item is settled.</summary>
    public bool Next(IReadOnlyList<JournalWrite> batch)
    {
        _candidates.Clear();
        _eventIds.Clear();
        _snapshotIds.Clear();
        _reminderIds.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            if (_settled[i])
            {
                continue;
            }

            Prefetch.Referents(batch, i, static w => w.PersistenceId);
            var write = batch[i];
            var id = write.PersistenceId;
            if ((write.EventCount > 0 && _eventIds.Contains(id)) || (write.HasSnapshot && _snapshotIds.Contains(id)) ||
                (write.Reminder != ReminderChange.None && _reminderIds.Contains(id)))
            {
                continue;
            }

            _ = write.EventCount > 0 && _eventIds.Add(id);
            _ = write.HasSnapshot && _snapshotIds.Add(id);
            _ = write.Reminder != ReminderChange.None && _reminderIds.Add(id);
            _candidates.Add(i);
        }

        return _candidates.Count > 0;
    }
}
