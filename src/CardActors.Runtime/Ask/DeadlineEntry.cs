namespace CardActors.Runtime.Ask;

/// <summary>Something that can be told its deadline passed; the version guards against reuse of pooled targets.</summary>
internal interface IDeadlineTarget
{
    void OnDeadline(long version);
}

/// <summary>
/// A permanent companion of a pooled ask: its links in one slot of the <see cref="DeadlineWheel"/>.
/// Owned by the wheel while linked (Slot ≥ 0); all link fields change under that slot's lock.
/// </summary>
internal sealed class DeadlineEntry(IDeadlineTarget target)
{
    public readonly IDeadlineTarget Target = target;
    public DeadlineEntry? Prev;
    public DeadlineEntry? Next;
    public int Slot = -1;
    public long DueTick;
    public long Version;
}
