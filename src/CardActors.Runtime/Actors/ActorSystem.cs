using CardActors.Runtime.Ask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Runtime.Actors;

/// <summary>
/// The kernel's root: time, logging, ask deadlines and settings shared by every actor of a node.
/// Actors run on the .NET thread pool; there is no dedicated dispatcher thread.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    public ActorSystem(ActorSystemSettings? settings = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        Settings = settings ?? new ActorSystemSettings();
        Settings.Validate();
        Time = time ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Deadlines = new AskDeadlines(Time, Settings.DeadlineResolution);
    }

    public ActorSystemSettings Settings { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; }

    internal AskDeadlines Deadlines { get; }

    /// <summary>A timestamp (in <see cref="Time"/>'s units) accurate to one deadline sweep, read without a clock call.</summary>
    internal long CoarseTimestamp => Deadlines.LastSweep;

    /// <summary>Starts an actor; it processes messages until stopped.</summary>
    public ActorRef<TMessage, TReply> Spawn<TMessage, TReply>(string name, Actor<TMessage, TReply> actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(actor);
        var cell = new ActorCell<TMessage, TReply>(this, name, actor);
        return cell.Self;
    }

    /// <summary>Fires ask deadlines that are due now; a timer does this by itself every <see cref="ActorSystemSettings.DeadlineResolution"/>.</summary>
    public void SweepDeadlines() => Deadlines.Sweep();

    public void Dispose() => Deadlines.Dispose();
}
