using System.Globalization;
using CardActors.LoadGen.Engine;
using CardActors.LoadGen.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CardActors.LoadGen.Live;

/// <summary>Renders a <see cref="LoadProgress"/> as a live table or as a single log line.</summary>
public static class ProgressRendering
{
    // The live view shows the few codes that matter; the report lists them all.
    private const int OutcomesShown = 6;

    public static string Phase(RunPhase phase) => phase switch
    {
        RunPhase.NotStarted => "starting",
        RunPhase.WarmingUp => "warm-up",
        RunPhase.Measuring => "measuring",
        RunPhase.Draining => "draining",
        _ => "finished",
    };

    /// <summary>One line per interval, for logs: every number of the table, grep-friendly.</summary>
    public static string Line(LoadProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var last = progress.LastInterval;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{progress.Elapsed.TotalSeconds,7:0.0} s {Phase(progress.Phase),-9} offered {ReportFormat.Rate(progress.OfferedRate)} " +
            $"sent {ReportFormat.Rate(progress.IssueRate)} completed {ReportFormat.Rate(progress.CompletionRate)} " +
            $"outstanding {ReportFormat.Count(progress.Outstanding)} late {ReportFormat.Count(progress.LateIssues)} errors {ReportFormat.Count(progress.ErrorsMeasured)} " +
            $"p50 {ReportFormat.Latency(last.P50)} p99 {ReportFormat.Latency(last.P99)} max {ReportFormat.Latency(last.Maximum)}" +
            $"{Codes(progress)}");
    }

    public static IRenderable Table(LoadProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var last = progress.LastInterval;
        var measured = progress.Measured;
        var table = new Table().Border(TableBorder.Rounded).Title(Escaped($"load run: {Phase(progress.Phase)}"));
        table.AddColumn(new TableColumn(string.Empty));
        table.AddColumn(new TableColumn("last interval").RightAligned());
        table.AddColumn(new TableColumn("measured so far").RightAligned());
        Row(table, "elapsed", $"{progress.Elapsed.TotalSeconds:0.0} s", $"of {progress.Planned.TotalSeconds:0} s + drain");
        Row(table, "offered / sent", $"{ReportFormat.Rate(progress.OfferedRate)} / {ReportFormat.Rate(progress.IssueRate)}", $"{ReportFormat.Count(progress.Issued)} sent");
        Row(table, "completed", ReportFormat.Rate(progress.CompletionRate), $"{ReportFormat.Count(progress.Completed)} completed");
        Row(table, "outstanding", ReportFormat.Count(progress.Outstanding), string.Empty);
        Row(table, "sent late", string.Empty, ReportFormat.Count(progress.LateIssues));
        Row(table, "errors", string.Empty, ReportFormat.Count(progress.ErrorsMeasured));
        Row(table, "p50", ReportFormat.Latency(last.P50), ReportFormat.Latency(measured.P50));
        Row(table, "p99", ReportFormat.Latency(last.P99), ReportFormat.Latency(measured.P99));
        Row(table, "p99.9", ReportFormat.Latency(last.P999), ReportFormat.Latency(measured.P999));
        Row(table, "max", ReportFormat.Latency(last.Maximum), ReportFormat.Latency(measured.Maximum));
        foreach (var outcome in progress.Outcomes.Take(OutcomesShown))
        {
            var label = outcome.Outcome.IsError ? $"[red]{Markup.Escape(outcome.Outcome.ToString())}[/]" : Markup.Escape(outcome.Outcome.ToString());
            table.AddRow(new Markup($"code {label}"), new Text(string.Empty), new Text(ReportFormat.Count(outcome.Count)));
        }

        return table;
    }

    private static void Row(Table table, string label, string last, string measured) =>
        table.AddRow(new Text(label), new Text(last), new Text(measured));

    private static TableTitle Escaped(string text) => new(Markup.Escape(text));

    private static string Codes(LoadProgress progress) =>
        progress.Outcomes.Count == 0
            ? string.Empty
            : " codes " + string.Join(' ', progress.Outcomes.Take(OutcomesShown).Select(o => $"{o.Outcome}:{o.Count.ToString(CultureInfo.InvariantCulture)}"));
}
