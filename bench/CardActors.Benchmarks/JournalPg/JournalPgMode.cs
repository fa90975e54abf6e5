namespace CardActors.Benchmarks.JournalPg;

/// <summary>
/// `journal-pg`: the PostgreSQL journal with fsync and synchronous_commit on, as the server has
/// them. One line per case: batch writes of 1 to 8,000 events in both write modes, then the
/// kernel's group-commit path under many concurrent entities.
/// </summary>
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

        if (options.GroupCommit)
        {
            await GroupCommitRun.RunAsync(options);
        }

        return 0;
    }
}
