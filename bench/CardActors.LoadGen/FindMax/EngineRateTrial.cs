using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.FindMax;

/// <summary>
/// Runs each step as a full engine run (warm-up, measurement, drain) against the same target.
/// Before a step it waits until every request of the previous step has completed (an overloaded
/// step leaves a backlog that would otherwise slow the next one down), then pauses. Sequence
/// numbers continue from step to step, so a target never sees one twice.
/// </summary>
public sealed class EngineRateTrial : IRateTrial
{
    private readonly LoadRunOptions _template;
    private readonly ILoadTarget _target;
    private readonly ILoadClock _clock;
    private readonly long _pause;
    private readonly long _settleTimeout;
    private readonly Func<LoadEngine, CancellationToken, LoadRunResult> _execute;
    private long _nextSequence;
    private LoadEngine? _previous;

    /// <param name="template">Every option of a step but its rate.</param>
    /// <param name="pause">Idle time before every step but the first, once the previous step's requests have completed.</param>
    /// <param name="settleTimeout">How long to wait for the previous step's requests to complete (default one minute).</param>
    /// <param name="execute">Runs a step's engine; the default calls <see cref="LoadEngine.Run"/>. A live view hooks in here.</param>
    public EngineRateTrial(
        LoadRunOptions template,
        ILoadTarget target,
        ILoadClock clock,
        TimeSpan pause = default,
        TimeSpan? settleTimeout = null,
        Func<LoadEngine, CancellationToken, LoadRunResult>? execute = null,
        long firstSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(pause, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        template.Validate();
        _template = template;
        _target = target;
        _clock = clock;
        _pause = Nanoseconds.From(pause);
        _settleTimeout = Nanoseconds.From(settleTimeout ?? TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfNegative(_settleTimeout, nameof(settleTimeout));
        _execute = execute ?? ((engine, token) => engine.Run(token));
        _nextSequence = firstSequence;
    }

    /// <summary>Requests of the previous step that were still open when the current step started.</summary>
    public long LeftoverAtLastStart { get; private set; }

    public LoadRunResult Run(double ratePerSecond, CancellationToken cancellationToken)
    {
        if (_previous is not null)
        {
            var deadline = _clock.Now + _settleTimeout;
            while (_previous.Outstanding > 0 && _clock.Now < deadline && !cancellationToken.IsCancellationRequested)
            {
                _clock.WaitUntil(Math.Min(_clock.Now + Nanoseconds.PerMillisecond, deadline), cancellationToken);
            }

            LeftoverAtLastStart = _previous.Outstanding;
            _clock.WaitUntil(_clock.Now + _pause, cancellationToken);
        }

        var engine = new LoadEngine(_template with { Rate = ratePerSecond }, _target, _clock, _nextSequence);
        _previous = engine;
        var result = _execute(engine, cancellationToken);
        _nextSequence += result.Issued;
        return result;
    }
}
