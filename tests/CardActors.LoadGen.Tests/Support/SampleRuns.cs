using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Reports;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>Small virtual-time runs with something to report: a stall, declines and errors.</summary>
internal static class SampleRuns
{
    public static MachineFacts Machine { get; } = new(2, "Test CPU @ 2.0GHz", "Linux 6.1", "X64", ".NET 10.0.0", false, true, true, 1_000_000_000);

    public static LoadRunResult StallWithErrors()
    {
        var clock = new VirtualLoadClock();
        var server = new SimulatedServer(clock, workers: 2, serviceTime: 300 * Nanoseconds.PerMicrosecond, outcome: r =>
            r.Sequence % 50 == 0 ? LoadOutcome.FromResponseCode("51")
            : r.Sequence % 333 == 0 ? LoadOutcome.FromResponseCode("96")
            : r.Sequence % 499 == 0 ? LoadOutcome.FromTransportError(TransportErrorKind.Timeout)
            : LoadOutcome.Approved);
        server.Stall(3 * Nanoseconds.PerSecond, (3 * Nanoseconds.PerSecond) + (400 * Nanoseconds.PerMillisecond));
        var options = new LoadRunOptions
        {
            Rate = 2_000,
            Arrival = ArrivalProcess.Poisson,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(5),
            DrainTimeout = TimeSpan.FromSeconds(2),
            Seed = 77,
        };
        return new LoadEngine(options, server, clock).Run();
    }

    public static LoadReport Report(LoadRunResult result, string target = "iso8583://127.0.0.1:8583 <test & check>") =>
        LoadReportBuilder.Build(result, new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.FromHours(8)), target, Machine);
}
