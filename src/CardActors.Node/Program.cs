using System.CommandLine;
using CardActors.Node.Demo;
using CardActors.Node.Hosting;

namespace CardActors.Node;

/// <summary>The `cardactors` command line.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON configuration file (see cluster-config/reference.json)." };
        var demo = new Option<bool>("--demo") { Description = "Seed demo products, merchants, terminals and cards, and print a guide of requests to try." };
        var run = new Command("run", "Run a node (the default). Any configuration key can follow, e.g. --CardActors:Http:Port=9090.")
        {
            config,
            demo,
        };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), parse.GetValue(demo), parse.UnmatchedTokens.ToArray(), cancellationToken));

        var root = new RootCommand("CardActors: the transaction core of a stored-value card network.")
        {
            run,
            config,
            demo,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), parse.GetValue(demo), parse.UnmatchedTokens.ToArray(), cancellationToken));
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(FileInfo? config, bool demo, string[] settings, CancellationToken cancellationToken)
    {
        if (settings.FirstOrDefault(s => !s.StartsWith("--CardActors:", StringComparison.OrdinalIgnoreCase) && !s.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase)) is { } unknown)
        {
            await Console.Error.WriteLineAsync($"Unknown option '{unknown}'. Settings are given as --CardActors:<Section>:<Key>=<value>; see --help.");
            return 2;
        }

        NodeHost host;
        try
        {
            host = await NodeHost.StartAsync(settings, config?.FullName, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or IOException)
        {
            await Console.Error.WriteLineAsync("cardactors: " + exception.Message);
            return 1;
        }

        await using (host)
        {
            if (demo)
            {
                var guide = await DemoSeeder.SeedAsync(host, cancellationToken);
                Console.WriteLine(guide);
            }

            await host.WaitForShutdownAsync();
        }

        return 0;
    }
}
