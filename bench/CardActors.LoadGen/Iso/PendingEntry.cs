using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Iso;

/// <summary>What a message awaiting its answer is for.</summary>
internal enum PendingKind : byte
{
    /// <summary>A request of the workload: its answer completes it on the engine's sink.</summary>
    Load = 0,

    /// <summary>A sign-on (0800/001) sent when the connection came up.</summary>
    SignOn = 1,

    /// <summary>An echo test (0800/301) sent on an idle connection.</summary>
    Echo = 2,
}

/// <summary>A message sent and not yet answered, keyed by terminal and STAN (spec section 10).</summary>
internal struct PendingEntry
{
    public ulong Key;
    public PendingKind Kind;

    /// <summary>The terminal's index on its connection.</summary>
    public int Terminal;

    /// <summary>The MTI the answer must carry (the request's + 10).</summary>
    public int ResponseMti;

    public long Deadline;
    public LoadRequest Request;
    public long Intended;
    public ILoadCompletionSink? Sink;

    /// <summary>Bumped whenever the slot is freed, so a stale deadline record is recognized.</summary>
    public int Generation;
}
