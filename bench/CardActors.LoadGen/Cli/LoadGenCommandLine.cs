using System.CommandLine;
using System.Globalization;

namespace CardActors.LoadGen.Cli;

/// <summary>The <c>cardactors-loadgen</c> command line: <c>run</c>, <c>find-max</c> and <c>provision</c>.</summary>
public static class LoadGenCommandLine
{
    public const string ExecutableName = "cardactors-loadgen";

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process's exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> InvokeAsync(string[] args, LoadGenConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var parse = Create(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Fail(error.Message);
            }

            var command = parse.CommandResult.Command;
            console.Fail(string.Create(CultureInfo.InvariantCulture,
                $"see '{ExecutableName}{(command is RootCommand ? "" : " " + command.Name)} --help' for the options and their defaults."));
            return ExitCodes.Usage;
        }

        // After Ctrl+C the run stops sending, closes its connections and writes the reports of what
        // it measured; give that time before the process is ended.
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        });
    }

    public static RootCommand Create(LoadGenConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand(
            "Open-loop load generator for CardActors: provisions cards, merchants and terminals over the node's HTTP API, " +
            "then trades over ISO 8583 at a fixed offered rate and reports latency from each request's intended send time.");
        root.Subcommands.Add(Build(LoadGenCommand.Run, console,
            "Offer a fixed rate for a warm-up and a measurement window; write the JSON, Markdown and SVG reports and a final result line."));
        root.Subcommands.Add(Build(LoadGenCommand.FindMax, console,
            "Search the highest rate whose run keeps the latency bound (--p99-ms), the error bound and the throughput: doubling, then bisecting."));
        root.Subcommands.Add(Build(LoadGenCommand.Provision, console,
            "Provision the estate (product, merchants, terminals and MAC keys, cards) and keep it in --provision-cache, without trading."));
        return root;
    }

    private static Command Build(LoadGenCommand kind, LoadGenConsole console, string description)
    {
        var command = new Command(LoadGenOptions.Name(kind), description);
        var options = new LoadGenOptions(kind);
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var errors = options.CheckTogether(parseResult);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    console.Fail(error);
                }

                return ExitCodes.Usage;
            }

            var settings = options.Bind(parseResult, DateTimeOffset.UtcNow);
            return kind switch
            {
                LoadGenCommand.Run => await RunCommand.ExecuteAsync(settings, console, cancellationToken),
                LoadGenCommand.FindMax => await FindMaxCommand.ExecuteAsync(settings, console, cancellationToken),
                _ => await ProvisionCommand.ExecuteAsync(settings, console, cancellationToken),
            };
        });
        return command;
    }
}
