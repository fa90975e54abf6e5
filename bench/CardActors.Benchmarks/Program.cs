using BenchmarkDotNet.Running;
using CardActors.Benchmarks.Quick;

namespace CardActors.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            return await QuickMode.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "journal-pg")
        {
            return await JournalPg.JournalPgMode.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
