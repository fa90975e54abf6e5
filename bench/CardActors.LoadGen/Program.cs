using CardActors.LoadGen.Cli;

namespace CardActors.LoadGen;

public static class Program
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static Task<int> Main(string[] args)
    {
        // The generator's socket reads only parse answers and record their latency, so they complete
        // on the socket engine's thread instead of waking a thread-pool worker for each read: 5 to
        // 7 µs less of the generator's CPU per request, and a lower p99, on this machine
        // (docs/benchmarks.md, "The generator's share"). The runtime reads the setting when the
        // first socket is made, so it is set before anything else runs; one in the environment wins.
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }

        return LoadGenCommandLine.InvokeAsync(args, LoadGenConsole.System());
    }
}
