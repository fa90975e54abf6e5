using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.FindMax;

/// <summary>
/// Finds the highest offered rate whose run holds the latency and error bounds: doubling from the
/// start rate until a step fails (halving first if the start rate already fails), then bisecting
/// between the highest pass and the lowest failure until they are within the precision. Each step
/// is a complete open-loop run, judged on its own.
/// </summary>
public sealed class MaxRateSearch
{
    private readonly MaxRateSearchOptions _options;

    public MaxRateSearch(MaxRateSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public MaxRateSearchOptions Options => _options;

    /// <param name="onStep">Told about every step as soon as it is judged.</param>
    public MaxRateSearchResult Run(IRateTrial trial, Action<MaxRateStep>? onStep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var search = new SearchState(this, trial, onStep, cancellationToken);
        return search.Execute();
    }

    /// <summary>The verdict on one run.</summary>
    public StepFailures Judge(LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failures = StepFailures.None;
        if (result.Cancelled)
        {
            failures |= StepFailures.Cancelled;
        }

        if (result.Latency.ValueAtQuantile(_options.LatencyQuantile) > _options.LatencyBound.Ticks / 10)
        {
            failures |= StepFailures.Latency;
        }

        if (result.ErrorRate > _options.ErrorRateBound)
        {
            failures |= StepFailures.Errors;
        }

        if (result.Throughput < _options.ThroughputShare * result.IssuedRate)
        {
            failures |= StepFailures.Throughput;
        }

        if (result.LateIssueFraction > _options.LateIssueBound)
        {
            failures |= StepFailures.GeneratorBehind;
        }

        return failures;
    }

    private sealed class SearchState(MaxRateSearch search, IRateTrial trial, Action<MaxRateStep>? onStep, CancellationToken cancellationToken)
    {
        private readonly MaxRateSearchOptions _options = search._options;
        private readonly List<MaxRateStep> _steps = [];
        private double _highestPass;
        private double? _lowestFail;
        private MaxRateStep? _lowestFailStep;
        private LoadRunResult? _bestRun;
        private bool _cancelled;

        public MaxRateSearchResult Execute()
        {
            // Coarse: double until something fails or the ceiling passes.
            var rate = _options.StartRate;
            while (Try(rate))
            {
                if (rate >= _options.MaxRate)
                {
                    return Finish(SearchOutcome.ReachedMaxRate);
                }

                if (_steps.Count >= _options.MaxSteps)
                {
                    return Finish(SearchOutcome.StepLimit);
                }

                rate = Math.Min(rate * 2, _options.MaxRate);
            }

            // The start rate failed: halve until something passes.
            while (_highestPass == 0 && !_cancelled)
            {
                rate = Math.Round(_lowestFail!.Value / 2);
                if (rate < _options.MinRate)
                {
                    return Finish(SearchOutcome.NoPassingRate);
                }

                if (_steps.Count >= _options.MaxSteps)
                {
                    return Finish(SearchOutcome.StepLimit);
                }

                Try(rate);
            }

            // Fine: bisect between the highest pass and the lowest failure.
            while (!_cancelled && _lowestFail!.Value - _highestPass > _options.Precision * _highestPass)
            {
                rate = Math.Round((_highestPass + _lowestFail.Value) / 2);
                if (rate <= _highestPass || rate >= _lowestFail.Value)
                {
                    break;
                }

                if (_steps.Count >= _options.MaxSteps)
                {
                    return Finish(SearchOutcome.StepLimit);
                }

                Try(rate);
            }

            // A step on which the generator fell behind says little about the target, whatever else failed.
            return Finish(_lowestFailStep?.Failures.HasFlag(StepFailures.GeneratorBehind) == true ? SearchOutcome.GeneratorLimited : SearchOutcome.Found);
        }

        private bool Try(double rate)
        {
            if (_cancelled || cancellationToken.IsCancellationRequested)
            {
                _cancelled = true;
                return false;
            }

            var result = trial.Run(rate, cancellationToken);
            var failures = search.Judge(result);
            var latency = result.Latency;
            var step = new MaxRateStep(
                _steps.Count + 1,
                rate,
                result.IssuedRate,
                result.Throughput,
                latency.ValueAtQuantile(_options.LatencyQuantile),
                latency.ValueAtQuantile(0.5),
                latency.ValueAtQuantile(0.99),
                latency.Maximum,
                result.ErrorRate,
                result.LateIssueFraction,
                failures);
            _steps.Add(step);
            onStep?.Invoke(step);
            if (failures.HasFlag(StepFailures.Cancelled))
            {
                _cancelled = true;
                return false;
            }

            if (step.Passed)
            {
                if (rate > _highestPass)
                {
                    _highestPass = rate;
                    _bestRun = result;
                }

                return true;
            }

            if (_lowestFail is null || rate < _lowestFail)
            {
                _lowestFail = rate;
                _lowestFailStep = step;
            }

            return false;
        }

        private MaxRateSearchResult Finish(SearchOutcome outcome) =>
            new(_cancelled ? SearchOutcome.Cancelled : outcome, _highestPass, _lowestFail, _steps, _bestRun);
    }
}
