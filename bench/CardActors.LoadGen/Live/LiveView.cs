using CardActors.LoadGen.Engine;
using Spectre.Console;

namespace CardActors.LoadGen.Live;

/// <summary>
/// Runs an engine on a dedicated thread and shows its progress until it finishes: a live table on
/// a terminal, one line per interval when the output is a pipe or a log file.
/// </summary>
public sealed class LiveView
{
    private readonly IAnsiConsole _console;
    private readonly LiveViewMode _mode;
    private readonly TimeSpan _refresh;

    /// <param name="refresh">How often the table is redrawn (lines are written once per run interval).</param>
    public LiveView(IAnsiConsole console, LiveViewMode mode = LiveViewMode.Auto, TimeSpan? refresh = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        _mode = mode;
        _refresh = refresh ?? TimeSpan.FromMilliseconds(250);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_refresh, TimeSpan.Zero);
    }

    /// <summary>The mode <see cref="LiveViewMode.Auto"/> resolves to on this console.</summary>
    public LiveViewMode EffectiveMode => _mode != LiveViewMode.Auto
        ? _mode
        : _console.Profile.Out.IsTerminal && _console.Profile.Capabilities is { Interactive: true, Ansi: true } ? LiveViewMode.Table : LiveViewMode.Lines;

    public LoadRunResult Run(LoadEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);

        // The scheduler gets a thread of its own: on the thread pool it would queue behind the
        // transport's completions exactly when the target is slow.
        var run = Task.Factory.StartNew(() => engine.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (EffectiveMode == LiveViewMode.Table)
        {
            _console.Live(ProgressRendering.Table(engine.ReadProgress()))
                .AutoClear(false)
                .Start(context =>
                {
                    while (!run.Wait(_refresh, CancellationToken.None))
                    {
                        context.UpdateTarget(ProgressRendering.Table(engine.ReadProgress()));
                        context.Refresh();
                    }

                    context.UpdateTarget(ProgressRendering.Table(engine.ReadProgress()));
                    context.Refresh();
                });
        }
        else
        {
            // Straight to the underlying writer: a log line must not be wrapped at the console width.
            var output = _console.Profile.Out.Writer;
            var interval = engine.Options.Interval;
            while (!run.Wait(interval, CancellationToken.None))
            {
                output.WriteLine(ProgressRendering.Line(engine.ReadProgress()));
                output.Flush();
            }

            output.WriteLine(ProgressRendering.Line(engine.ReadProgress()));
            output.Flush();
        }

        return run.GetAwaiter().GetResult();
    }
}
