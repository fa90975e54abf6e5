namespace CardActors.Domain.Cards;

/// <summary>Whether a ring entry is the one a lookup for <paramref name="sought"/> wants (see <see cref="BoundedRing{T}.IndexOf"/>).</summary>
internal delegate bool RingMatch<T, TSought>(in T entry, TSought sought)
    where T : struct;
