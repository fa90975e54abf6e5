using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Engine;

/// <summary>
/// Sends every request whose intended time has come, without a task or timer per request: the
/// driver calls <see cref="IssueDue"/> with the clock's time and sleeps until <see cref="NextIntended"/>.
/// When it is behind, each call sends at most one batch, so that the driver reads the clock
/// again and lateness is measured against a fresh time.
/// </summary>
internal sealed class OpenLoopScheduler
{
    private readonly ArrivalSchedule _schedule;
    private readonly long _end;
    private readonly WorkloadGenerator _workload;
    private readonly ILoadTarget _target;
    private readonly RunRecorder _recorder;
    private readonly long _firstSequence;
    private readonly int _batchSize;

    public OpenLoopScheduler(ArrivalSchedule schedule, long end, WorkloadGenerator workload, ILoadTarget target, RunRecorder recorder, long firstSequence, int batchSize)
    {
        _schedule = schedule;
        _end = end;
        _workload = workload;
        _target = target;
        _recorder = recorder;
        _firstSequence = firstSequence;
        _batchSize = batchSize;
    }

    public int BatchSize => _batchSize;

    /// <summary>Whether every request of the schedule has been sent.</summary>
    public bool Finished => _schedule.Current >= _end;

    public long NextIntended => _schedule.Current;

    /// <summary>The sequence number the next request will carry.</summary>
    public long NextSequence => _firstSequence + _schedule.Index;

    /// <summary>Sends up to one batch of the requests due at or before <paramref name="now"/>; returns how many.</summary>
    public int IssueDue(long now)
    {
        var sent = 0;
        while (sent < _batchSize)
        {
            var intended = _schedule.Current;
            if (intended > now || intended >= _end)
            {
                break;
            }

            var request = _workload.Next(_firstSequence + _schedule.Index, intended);
            _recorder.RecordIssue(intended, now);
            _target.Send(in request, intended, _recorder);
            _schedule.Advance();
            sent++;
        }

        if (sent > 0)
        {
            _target.Flush();
        }

        return sent;
    }
}
