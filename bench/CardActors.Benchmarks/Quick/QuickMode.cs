namespace CardActors.Benchmarks.Quick;

/// <summary>
/// `quick`: end-to-end kernel runs of about ten seconds each that print one line per case, for a
/// fast check of throughput, latency and allocation without BenchmarkDotNet's long warm-ups.
/// </summary>
internal static class QuickMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = QuickOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(QuickOptions.Usage);
            return 2;
        }

        if (options.Only is null or "kernel-auth")
        {
            Console.WriteLine(await KernelAuthRun.RunAsync(options));
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        if (options.Only is null or "card-auth")
        {
            Console.WriteLine(await CardAuthRun.RunAsync(options));
        }

        return 0;
    }
}
