using CardActors.Runtime.Dispatch;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Actors;

/// <summary>Mailbox and lifecycle of a plain actor.</summary>
internal sealed class ActorCell<TMessage, TReply> : Mailbox
{
    private const int StopSignal = 1;
    private readonly Actor<TMessage, TReply> _actor;
    private readonly ILogger _log;
    private readonly int _throughput;
    private MpscQueue<Envelope<TMessage, TReply>> _queue;
    private bool _stopped;

    public ActorCell(ActorSystem system, string name, Actor<TMessage, TReply> actor)
    {
        System = system;
        Name = name;
        _actor = actor;
        _throughput = system.Settings.Throughput;
        _log = system.LoggerFactory.CreateLogger("CardActors.Actor." + name);
        Self = new ActorRef<TMessage, TReply>(this);
        actor.Attach(Self, _log);
    }

    public ActorSystem System { get; }

    public string Name { get; }

    public ActorRef<TMessage, TReply> Self { get; }

    public bool Post(Envelope<TMessage, TReply> envelope)
    {
        if (!_queue.TryEnqueue(envelope))
        {
            return false;
        }

        Schedule();
        return true;
    }

    public void RequestStop() => Raise(StopSignal);

    protected override bool HasRunnableWork => !_stopped && _queue.HasItems;

    protected override void RunTurn(int signals)
    {
        if (_stopped)
        {
            return;
        }

        if ((signals & StopSignal) != 0)
        {
            Stop();
            return;
        }

        for (var processed = 0; processed < _throughput; processed++)
        {
            var envelope = _queue.TryDequeue();
            if (envelope is null)
            {
                return;
            }

            try
            {
                _actor.Invoke(new Delivery<TMessage, TReply>(envelope));
            }
            catch (Exception exception)
            {
                KernelLog.ActorHandlerFailed(_log, exception, Name);
                envelope.TryFail(exception);
            }
            finally
            {
                envelope.Release();
            }
        }
    }

    protected override void OnTurnCrashed(Exception exception)
    {
        KernelLog.ActorCrashed(_log, exception, Name);
        Stop();
    }

    private void Stop()
    {
        _stopped = true;
        var rest = _queue.Close();
        while (rest is not null)
        {
            var next = rest.Next;
            rest.Next = null;
            rest.TryFail(new ActorStoppedException($"Actor '{Name}' has stopped."));
            rest.Release();
            rest = next;
        }

        try
        {
            _actor.InvokePostStop();
        }
        catch (Exception exception)
        {
            KernelLog.PostStopFailed(_log, exception, Name);
        }
    }
}
