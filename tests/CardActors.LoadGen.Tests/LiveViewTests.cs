using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using Spectre.Console;

namespace CardActors.LoadGen.Tests;

public sealed class LiveViewTests
{
    private static readonly LoadProgress Progress = new(
        RunPhase.Measuring,
        TimeSpan.FromSeconds(12.3),
        TimeSpan.FromSeconds(70),
        50_000,
        49_987,
        49_990,
        615_000,
        614_950,
        50,
        3,
        7,
        new LatencySummary(49_990, 900, 80, 850, 1_500, 4_500, 8_000, 9_000, 9_100),
        new LatencySummary(100_000, 950, 70, 870, 1_600, 4_700, 8_500, 9_500, 12_000),
        [new OutcomeCount(LoadOutcome.Approved, 99_000), new OutcomeCount(LoadOutcome.FromResponseCode("51"), 993), new OutcomeCount(LoadOutcome.FromResponseCode("96"), 7)]);

    private static (IAnsiConsole Console, StringWriter Output) PlainConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        return (console, output);
    }

    [Fact]
    public void A_log_line_carries_every_number_of_the_table()
    {
        var line = ProgressRendering.Line(Progress);
        Assert.Equal(
            "   12.3 s measuring offered 50,000/s sent 49,987/s completed 49,990/s outstanding 50 late 3 errors 7 p50 850 µs p99 4.50 ms max 9.10 ms codes 00:99000 51:993 96:7",
            line);
    }

    [Fact]
    public void The_table_renders_on_a_plain_console()
    {
        var (console, output) = PlainConsole();
        console.Write(ProgressRendering.Table(Progress));
        var text = output.ToString();
        Assert.Contains("load run: measuring", text, StringComparison.Ordinal);
        Assert.Contains("50,000/s / 49,987/s", text, StringComparison.Ordinal);
        Assert.Contains("4.70 ms", text, StringComparison.Ordinal);
        Assert.Contains("code 96", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_the_view_falls_back_to_lines_and_returns_the_result()
    {
        var (console, output) = PlainConsole();
        var view = new LiveView(console);
        Assert.Equal(LiveViewMode.Lines, view.EffectiveMode);
        Assert.Equal(LiveViewMode.Table, new LiveView(console, LiveViewMode.Table).EffectiveMode);

        var clock = new VirtualLoadClock();
        var engine = new LoadEngine(new LoadRunOptions { Rate = 1_000, Warmup = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(2) }, new ImmediateTarget(clock) { KeepRequests = false }, clock);
        var result = view.Run(engine);

        Assert.Equal(result.Issued, engine.ReadProgress().Issued);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("    3.0 s finished  offered 1,000/s", lines[^1], StringComparison.Ordinal);
        Assert.Contains($"codes 00:{result.CompletedMeasured}", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_mode_renders_the_final_state()
    {
        var (console, output) = PlainConsole();
        var clock = new VirtualLoadClock();
        var engine = new LoadEngine(new LoadRunOptions { Rate = 500, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1) }, new ImmediateTarget(clock) { KeepRequests = false }, clock);
        var result = new LiveView(console, LiveViewMode.Table).Run(engine);

        Assert.Equal(result.IssuedMeasured, result.CompletedMeasured);
        Assert.Contains("load run: finished", output.ToString(), StringComparison.Ordinal);
    }
}
