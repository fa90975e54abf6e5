using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CardActors.LoadGen.Engine;
using CardActors.LoadGen.FindMax;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Provisioning;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Cli;

/// <summary>Which command an option set belongs to: each takes the options its work needs.</summary>
public enum LoadGenCommand
{
    Run = 0,
    FindMax = 1,
    Provision = 2,
}

/// <summary>
/// The options of one command, with defaults, help text and checks that name the option at fault,
/// and their translation into <see cref="LoadGenSettings"/>.
/// </summary>
public sealed partial class LoadGenOptions
{
    // Help lists what a run is about first, then the workload, then the plumbing.
    private static readonly string[] HelpOrder =
    [
        "--target", "--http", "--rate", "--start-rate", "--max-rate", "--min-rate", "--p99-ms", "--latency-quantile",
        "--max-error-rate", "--max-late", "--precision", "--max-steps", "--pause", "--duration", "--warmup", "--drain", "--connections",
        "--timeout", "--connect-timeout", "--cards", "--merchants", "--terminals-per-merchant", "--card-skew", "--merchant-skew", "--mix",
        "--spend-amounts", "--topup-amounts", "--arrival", "--seed", "--out", "--live", "--interval", "--spin",
        "--provision-cache", "--no-provision", "--initial-load", "--balance-cap", "--identity", "--product", "--acquirer-id",
    ];

    private readonly LoadGenCommand _command;
    private readonly List<Option> _all = [];

    public LoadGenOptions(LoadGenCommand command)
    {
        _command = command;
        var work = new WorkloadOptions();
        var run = new LoadRunOptions();
        var provisioning = new ProvisioningOptions();
        var iso = new IsoTargetOptions();

        Http = Add(Text("--http", provisioning.Node.ToString().TrimEnd('/'), "url", "The node's HTTP administration API, for provisioning.", ValidateHttp));
        Cards = Add(Count("--cards", work.CardCount, 1, 100_000_000, "Cards to trade with; card i of the workload is the i-th provisioned card."));
        Merchants = Add(Count("--merchants", work.MerchantCount, 1, 10_000_000, "Merchants to trade at."));
        TerminalsPerMerchant = Add(Count("--terminals-per-merchant", provisioning.TerminalsPerMerchant, 1, 1_000, "Terminals of each merchant; a merchant's requests are spread over them."));
        InitialLoad = Add(Amount("--initial-load", provisioning.InitialLoad, "Customer money loaded onto every new card, in fen."));
        BalanceCap = Add(Amount("--balance-cap", provisioning.BalanceCap, "The card product's balance cap, in fen."));
        Identity = Add(Choice("--identity", provisioning.Identity, "The card product's identity: anonymous or realName.", "anonymous", "realName"));
        Product = Add(Text("--product", provisioning.ProductId, "id", "The card product's id.", null));
        ProvisionCache = Add(new Option<string?>("--provision-cache")
        {
            HelpName = "file",
            Description = "Keep the provisioned cards, merchants, terminals and MAC keys in this file, and reuse them when it covers the run. It holds secrets: it is written readable by its owner only.",
        });
        NoProvision = Add(new Option<bool>("--no-provision") { Description = "Never call the HTTP API: trade with what --provision-cache holds." });
        if (command == LoadGenCommand.Provision)
        {
            return;
        }

        Target = Add(Text("--target", $"iso://{iso.Host}:{iso.Port}", "address", "The ISO 8583 gateway.", ValidateTarget));
        Connections = Add(Count("--connections", iso.Connections, 1, 4096, "TCP connections to the gateway; every connection signs its terminals on before trading."));
        Timeout = Add(TimeOption("--timeout", iso.RequestTimeout, "A request unanswered this long after its intended send time ends as a Timeout.", positive: true));
        ConnectTimeout = Add(TimeOption("--connect-timeout", iso.StartTimeout, "How long connecting and signing every terminal on may take before the gateway counts as unreachable.", positive: true));
        AcquirerId = Add(new Option<long>("--acquirer-id")
        {
            HelpName = "digits",
            Description = "Field 32, the acquiring institution id assigned by the issuer.",
            DefaultValueFactory = _ => iso.AcquirerId,
        });
        AcquirerId.Validators.Add(r => Check(r, (long value) => value is > 0 and <= 99_999_999_999, _ => "takes 1 to 11 digits"));
        Duration = Add(TimeOption("--duration", run.Duration, "The measurement window" + (command == LoadGenCommand.FindMax ? " of every step." : "."), positive: true));
        Warmup = Add(TimeOption("--warmup", run.Warmup, "Load before the measurement window; its requests are left out of the results.", positive: false));
        Drain = Add(TimeOption("--drain", run.DrainTimeout, "How long to wait for answers after the last send; requests still open then are reported unanswered.", positive: false));
        CardSkew = Add(Skew("--card-skew", work.CardSkew, "Zipf exponent of the card choice: 0 is uniform, about 1 has a few heavy users."));
        MerchantSkew = Add(Skew("--merchant-skew", work.MerchantSkew, "Zipf exponent of the merchant choice: above 1 one canteen takes a large share."));
        Mix = Add(Text("--mix", OptionSyntax.FormatMix(work.Mix), "weights", $"Integer weights of the operations ({string.Join(", ", OptionSyntax.OperationNames)}); left-out operations weigh 0.", ValidateMix));
        SpendAmounts = Add(Text("--spend-amounts", "800:30,1200:30,1500:20,2500:10,5000:7,20000:3", "fen", "Amounts of authorizations and purchases: 2500, 800-20000, or amount:weight,...", ValidateAmounts));
        TopUpAmounts = Add(Text("--topup-amounts", "5000:40,10000:40,50000:20", "fen", "Amounts of top-ups, in the same syntax.", ValidateAmounts));
        Arrival = Add(Choice("--arrival", "poisson", "Arrival process: poisson (exponential gaps, the realistic default) or constant spacing.", "poisson", "constant"));
        Seed = Add(new Option<long>("--seed")
        {
            Description = "The one seed the arrival times and the workload are drawn from: equal seeds send equal requests.",
            DefaultValueFactory = _ => run.Seed,
        });
        Interval = Add(TimeOption("--interval", run.Interval, "Width of one point of the latency-over-time series.", positive: true));
        Spin = Add(TimeOption("--spin", TimeSpan.Zero, "Spend the last part of each wait spinning instead of sleeping (up to 100ms): precise send times for one busy core.", positive: false));
        Spin.Validators.Add(r => Check(r, ParsedDuration(r) <= TimeSpan.FromMilliseconds(100), "is at most 100ms"));
        Live = Add(Choice("--live", "auto", "Progress display: a live table on a terminal (auto, table) or one line per interval (lines).", "auto", "table", "lines"));
        Out = Add(new Option<string?>("--out", "-o")
        {
            HelpName = "directory",
            Description = "Where the JSON, Markdown and SVG reports go (default results/<command>-<UTC time>).",
        });
        if (command == LoadGenCommand.Run)
        {
            Rate = Add(Number("--rate", run.Rate, "Offered load in requests per second (a mean with --arrival poisson)."));
            return;
        }

        var search = new MaxRateSearchOptions();
        StartRate = Add(Number("--start-rate", search.StartRate, "The first rate tried; the search doubles from here until a step fails."));
        MaxRate = Add(Number("--max-rate", search.MaxRate, "The search never offers more than this."));
        MinRate = Add(Number("--min-rate", search.MinRate, "When the start rate fails, the search halves down to this and then gives up."));
        P99Ms = Add(Number("--p99-ms", search.LatencyBound.TotalMilliseconds, "The latency bound in milliseconds that a passing step's --latency-quantile must hold."));
        LatencyQuantile = Add(Fraction("--latency-quantile", search.LatencyQuantile, "The percentile the bound applies to: 0.99 is p99, 0.999 is p99.9.", allowZero: false));
        MaxErrorRate = Add(Fraction("--max-error-rate", search.ErrorRateBound, "The largest share of errors and unanswered requests a passing step may have.", allowZero: true));
        MaxLate = Add(Fraction("--max-late", search.LateIssueBound, "The largest share of sends more than 2 ms behind schedule a passing step may have (their latency counts from the intended time either way).", allowZero: true));
        Precision = Add(Fraction("--precision", search.Precision, "Stop when the highest pass and the lowest failure are this close, relative to the pass.", allowZero: false));
        MaxSteps = Add(Count("--max-steps", search.MaxSteps, 1, 1_000, "The most steps the search runs."));
        Pause = Add(TimeOption("--pause", TimeSpan.FromSeconds(2), "Idle time between steps, after the previous step's requests have completed.", positive: false));
    }

    public Option<string> Http { get; }

    public Option<int> Cards { get; }

    public Option<int> Merchants { get; }

    public Option<int> TerminalsPerMerchant { get; }

    public Option<long> InitialLoad { get; }

    public Option<long> BalanceCap { get; }

    public Option<string> Identity { get; }

    public Option<string> Product { get; }

    public Option<string?> ProvisionCache { get; }

    public Option<bool> NoProvision { get; }

    public Option<string>? Target { get; }

    public Option<int>? Connections { get; }

    public Option<string>? Timeout { get; }

    public Option<string>? ConnectTimeout { get; }

    public Option<long>? AcquirerId { get; }

    public Option<string>? Duration { get; }

    public Option<string>? Warmup { get; }

    public Option<string>? Drain { get; }

    public Option<double>? CardSkew { get; }

    public Option<double>? MerchantSkew { get; }

    public Option<string>? Mix { get; }

    public Option<string>? SpendAmounts { get; }

    public Option<string>? TopUpAmounts { get; }

    public Option<string>? Arrival { get; }

    public Option<long>? Seed { get; }

    public Option<string>? Interval { get; }

    public Option<string>? Spin { get; }

    public Option<string>? Live { get; }

    public Option<string?>? Out { get; }

    public Option<double>? Rate { get; }

    public Option<double>? StartRate { get; }

    public Option<double>? MaxRate { get; }

    public Option<double>? MinRate { get; }

    public Option<double>? P99Ms { get; }

    public Option<double>? LatencyQuantile { get; }

    public Option<double>? MaxErrorRate { get; }

    public Option<double>? MaxLate { get; }

    public Option<double>? Precision { get; }

    public Option<int>? MaxSteps { get; }

    public Option<string>? Pause { get; }

    /// <summary>Adds the options to <paramref name="command"/>, in help order.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in _all.OrderBy(o => Array.IndexOf(HelpOrder, o.Name)))
        {
            command.Options.Add(option);
        }
    }

    private T Add<T>(T option)
        where T : Option
    {
        _all.Add(option);
        return option;
    }

    private static string Describe(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
