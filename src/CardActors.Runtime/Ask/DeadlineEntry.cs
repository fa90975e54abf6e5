namespace CardActors.Runtime.Ask;

/// <summary>Something that can be told its deadline passed; the version guards against reuse of pooled targets.</summary>
internal interface IDeadlineTarget
{
    void OnDeadline(long version);
}

/// <summary>
/// A permanent companion of a pooled ask, listed in one <see cref="AskDeadlines"/>: the due time and
/// version of the ask it is armed for. The asker arms it; whoever completes the ask (the reply or
/// the deadline) disarms it first. The sweep only reads it, from another thread: the fields are
/// written in an order that lets it tell a due time of the version it read from a stale one.
/// </summary>
internal sealed class DeadlineEntry(IDeadlineTarget target)
{
    private const long Disarmed = long.MaxValue;

    public readonly IDeadlineTarget Target = target;
    private long _due = Disarmed;
    private long _version;

    /// <summary>The list this entry is in and its place there; changed under that list's lock.</summary>
    public AskDeadlines? Owner;
    public int Index = -1;

    public void Arm(long version, long dueTimestamp)
    {
        // Disarmed first: a sweep that reads the new version then reads no due time but the new one.
        Volatile.Write(ref _due, Disarmed);
        Volatile.Write(ref _version, version);
        Volatile.Write(ref _due, Math.Min(dueTimestamp, Disarmed - 1));
    }

    public void Disarm() => Volatile.Write(ref _due, Disarmed);

    /// <summary>
    /// True when the entry is armed and due at <paramref name="now"/>, with the version it was armed
    /// for. A stale version only makes the target ignore the deadline (it checks the version); a due
    /// time that changed while reading is left for the next sweep.
    /// </summary>
    public bool IsDue(long now, out long version)
    {
        version = 0;
        var due = Volatile.Read(ref _due);
        if (due > now)
        {
            return false;
        }

        version = Volatile.Read(ref _version);
        return Volatile.Read(ref _due) == due;
    }
}
