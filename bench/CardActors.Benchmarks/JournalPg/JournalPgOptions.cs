using System.Diagnostics;
using System.Globalization;
using CardActors.Journal.Postgres;

namespace CardActors.Benchmarks.JournalPg;

/// <summary>What `journal-pg` runs; every field has a command-line switch (see <see cref="Usage"/>).</summary>
internal sealed record JournalPgOptions(
    string ConnectionString,
    int Entities,
    int Outstanding,
    int Partitions,
    TimeSpan CaseDuration,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Seed,
    bool BatchCases,
    bool GroupCommit,
    PostgresWriteMode GroupCommitMode)
{
    public const string Usage =
        "journal-pg [--entities N] [--outstanding N] [--partitions N] [--case-seconds S] [--seconds S] [--warmup S] [--seed N]\n" +
        "           [--only batches|group-commit] [--mode copy|insert]\n" +
        "  connection string from CARDACTORS_PG, else from scripts/postgres.sh (which sets up a local server)\n" +
        "  defaults: 100000 entities, 16384 outstanding asks, 2 partitions, 3 s per batch case,\n" +
        "            group commit 10 s measured after 3 s warm-up, seed 42, copy mode";

    public static JournalPgOptions? Parse(string[] args)
    {
        var options = new JournalPgOptions("", 100_000, 16_384, 2, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 42,
            BatchCases: true, GroupCommit: true, PostgresWriteMode.Copy);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            var text = args[i + 1];
            var number = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : (int?)null;
            options = (args[i], number, text) switch
            {
                ("--entities", { } n, _) => options with { Entities = n },
                ("--outstanding", { } n, _) => options with { Outstanding = n },
                ("--partitions", { } n, _) => options with { Partitions = n },
                ("--case-seconds", { } n, _) => options with { CaseDuration = TimeSpan.FromSeconds(n) },
                ("--seconds", { } n, _) => options with { Duration = TimeSpan.FromSeconds(n) },
                ("--warmup", { } n, _) => options with { WarmUp = TimeSpan.FromSeconds(n) },
                ("--seed", { } n, _) => options with { Seed = n },
                ("--only", _, "batches") => options with { GroupCommit = false },
                ("--only", _, "group-commit") => options with { BatchCases = false },
                ("--mode", _, "copy") => options with { GroupCommitMode = PostgresWriteMode.Copy },
                ("--mode", _, "insert") => options with { GroupCommitMode = PostgresWriteMode.Insert },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options with { ConnectionString = ConnectionStringFromEnvironment() };
    }

    /// <summary>CARDACTORS_PG, or what scripts/postgres.sh prints on its last line (it installs and starts a local server when needed).</summary>
    private static string ConnectionStringFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("CARDACTORS_PG") is { Length: > 0 } value)
        {
            return value;
        }

        var directory = new DirectoryInfo(Environment.CurrentDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "scripts", "postgres.sh")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("CARDACTORS_PG is not set and scripts/postgres.sh was not found above the current directory.");
        }

        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(directory.FullName, "scripts", "postgres.sh")])
        {
            RedirectStandardOutput = true,
        })!;
        var lines = script.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        script.WaitForExit();
        if (script.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh failed (exit code {script.ExitCode}); set CARDACTORS_PG instead.");
        }

        return lines[^1].Trim();
    }
}
