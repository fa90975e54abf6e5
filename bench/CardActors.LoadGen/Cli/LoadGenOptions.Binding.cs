using System.CommandLine;
using System.Globalization;
using CardActors.LoadGen.Engine;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Provisioning;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Cli;

public sealed partial class LoadGenOptions
{
    /// <summary>The settings a parse without errors asked for.</summary>
    public LoadGenSettings Bind(ParseResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count > 0)
        {
            throw new ArgumentException($"The command line has errors: {result.Errors[0].Message}", nameof(result));
        }

        var provisioning = new ProvisioningOptions
        {
            Node = new Uri(result.GetRequiredValue(Http).TrimEnd('/') + "/"),
            ProductId = result.GetRequiredValue(Product),
            Identity = result.GetRequiredValue(Identity),
            BalanceCap = result.GetValue(BalanceCap),
            InitialLoad = result.GetValue(InitialLoad),
            Cards = result.GetValue(Cards),
            Merchants = result.GetValue(Merchants),
            TerminalsPerMerchant = result.GetValue(TerminalsPerMerchant),
        };
        var settings = new LoadGenSettings
        {
            Provisioning = provisioning,
            Target = new IsoTargetOptions(),
            Run = new LoadRunOptions(),
            ProvisionCache = result.GetValue(ProvisionCache),
            NoProvision = result.GetValue(NoProvision),
            OutputDirectory = Path.Combine("results", $"{Name(_command)}-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"),
        };
        if (_command == LoadGenCommand.Provision)
        {
            return settings;
        }

        // The validators accepted every value below; a failure here would be a bug, and throws.
        var valid = OptionSyntax.TryParseTarget(result.GetRequiredValue(Target!), out var host, out var port, out var error);
        Require(valid, error);
        Require(OptionSyntax.TryParseMix(result.GetRequiredValue(Mix!), out var mix, out error), error);
        Require(OptionSyntax.TryParseAmounts(result.GetRequiredValue(SpendAmounts!), out var spend, out error), error);
        Require(OptionSyntax.TryParseAmounts(result.GetRequiredValue(TopUpAmounts!), out var topUp, out error), error);
        var workload = new WorkloadOptions
        {
            CardCount = provisioning.Cards,
            MerchantCount = provisioning.Merchants,
            CardSkew = result.GetValue(CardSkew!),
            MerchantSkew = result.GetValue(MerchantSkew!),
            Mix = mix,
            SpendAmounts = spend,
            TopUpAmounts = topUp,
        };
        var run = new LoadRunOptions
        {
            Rate = Rate is not null ? result.GetValue(Rate) : result.GetValue(StartRate!),
            Arrival = result.GetRequiredValue(Arrival!) == "constant" ? ArrivalProcess.Constant : ArrivalProcess.Poisson,
            Warmup = DurationOf(result, Warmup!),
            Duration = DurationOf(result, Duration!),
            DrainTimeout = DurationOf(result, Drain!),
            Interval = DurationOf(result, Interval!),
            Seed = result.GetValue(Seed!),
            Workload = workload,
        };
        settings = settings with
        {
            Target = new IsoTargetOptions
            {
                Host = host,
                Port = port,
                Connections = result.GetValue(Connections!),
                RequestTimeout = DurationOf(result, Timeout!),
                StartTimeout = DurationOf(result, ConnectTimeout!),
                AcquirerId = result.GetValue(AcquirerId!),

                RememberedOriginals = workload.RememberedOriginals,
            },
            Run = run,
            Live = result.GetRequiredValue(Live!) switch
            {
                "table" => LiveViewMode.Table,
                "lines" => LiveViewMode.Lines,
                _ => LiveViewMode.Auto,
            },
            SpinWindow = DurationOf(result, Spin!),
            OutputDirectory = result.GetValue(Out!) is { Length: > 0 } directory ? directory : settings.OutputDirectory,
        };
        if (_command == LoadGenCommand.Run)
        {
            return settings;
        }

        return settings with
        {
            Search = new MaxRateSearchOptions
            {
                StartRate = result.GetValue(StartRate!),
                MaxRate = result.GetValue(MaxRate!),
                MinRate = result.GetValue(MinRate!),
                LatencyBound = TimeSpan.FromMilliseconds(result.GetValue(P99Ms!)),
                LatencyQuantile = result.GetValue(LatencyQuantile!),
                ErrorRateBound = result.GetValue(MaxErrorRate!),
                LateIssueBound = result.GetValue(MaxLate!),
                Precision = result.GetValue(Precision!),
                MaxSteps = result.GetValue(MaxSteps!),
            },
            StepPause = DurationOf(result, Pause!),
        };
    }

    /// <summary>The command's name on the command line.</summary>
    public static string Name(LoadGenCommand command) => command switch
    {
        LoadGenCommand.Run => "run",
        LoadGenCommand.FindMax => "find-max",
        _ => "provision",
    };

    private static TimeSpan DurationOf(ParseResult result, Option<string> option)
    {
        Require(OptionSyntax.TryParseDuration(result.GetRequiredValue(option), out var value, out var error), error);
        return value;
    }

    private static void Require(bool valid, string? error)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"A validated option failed to parse: {error}");
        }
    }
}
