using System.Diagnostics;
using System.Reflection;

namespace CardActors.Benchmarks.JournalPg;

/// <summary>
/// `journal-pg`: the PostgreSQL journal with fsync and synchronous_commit on, as the server has
/// them. One line per case: batch writes of 1 to 8,000 events in both write modes, then the
/// kernel's group-commit path under many concurrent entities.
/// </summary>
/// <remarks>
/// When both parts run, the group-commit part runs in a process of its own. The runtime compiles
/// hot code a second time from what it has seen run (dynamic PGO); after the batch cases it has
/// seen their owners and handles, not the kernel's entities, and the group-commit figure came out
/// 8 to 10 % lower than in a fresh process (145,000-149,000 against 159,000-161,000 events/s; with
/// PGO disabled both gave 142,000-143,000). A node never runs the batch cases, so a fresh process
/// is the faithful measurement.
/// </remarks>
internal static class JournalPgMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = JournalPgOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(JournalPgOptions.Usage);
            return 2;
        }

        if (options.BatchCases)
        {
            await BatchWriteRun.RunAsync(options);
        }

        if (options.GroupCommit && options.BatchCases)
        {
            return await RunGroupCommitInFreshProcessAsync(args, options.ConnectionString);
        }

        if (options.GroupCommit)
        {
            await GroupCommitRun.RunAsync(options);
        }

        return 0;
    }

    private static async Task<int> RunGroupCommitInFreshProcessAsync(string[] args, string connectionString)
    {
        await Console.Out.FlushAsync();
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location); // run as `dotnet <dll>`
        }

        start.ArgumentList.Add("journal-pg");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--only");
        start.ArgumentList.Add("group-commit");
        start.Environment["CARDACTORS_PG"] = connectionString;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The group-commit process could not be started.");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
