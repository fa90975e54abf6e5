using System.CommandLine;
using CardActors.LoadGen.Cli;
using CardActors.LoadGen.Live;
using CardActors.LoadGen.Scheduling;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Cli;

public sealed class CommandLineOptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 5, TimeSpan.Zero);

    [Fact]
    public void Every_option_has_a_default_that_matches_the_engine()
    {
        var settings = Bind(LoadGenCommand.Run, "run");

        Assert.Equal("127.0.0.1", settings.Target.Host);
        Assert.Equal(8583, settings.Target.Port);
        Assert.Equal(8, settings.Target.Connections);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Target.RequestTimeout);
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), settings.Provisioning.Node);
        Assert.Equal(1_000, settings.Run.Rate);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Run.Duration);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Run.Warmup);
        Assert.Equal(ArrivalProcess.Poisson, settings.Run.Arrival);
        Assert.Equal(new WorkloadOptions().SpendAmounts.Values, settings.Run.Workload.SpendAmounts.Values);
        Assert.Equal(new WorkloadOptions().TopUpAmounts.Values, settings.Run.Workload.TopUpAmounts.Values);
        Assert.Equal(OperationMix.Default, settings.Run.Workload.Mix);
        Assert.Equal(Path.Combine("results", "run-20261122-093005"), settings.OutputDirectory);
        Assert.Equal(2 * new WorkloadOptions().OriginalPoolCapacity, settings.Target.RememberedOriginals);
        Assert.Null(settings.Search);
        settings.Run.Validate();
        settings.Target.Validate();
        settings.Provisioning.Validate();
    }

    [Fact]
    public void The_example_command_line_binds_every_value()
    {
        var settings = Bind(LoadGenCommand.Run,
            "run --target iso://127.0.0.1:9583 --http http://127.0.0.1:9080 --rate 50000 --duration 60 --warmup 10 --connections 16 " +
            "--cards 100000 --merchants 200 --card-skew 0.9 --merchant-skew 1.1 --mix auth=40,completion=35,purchase=15,topup=3,refund=2,reversal=2,balance=3 " +
            "--arrival constant --seed 42 --out results/run1 --timeout 2s --live lines --provision-cache estate.json --terminals-per-merchant 3");

        Assert.Equal(9583, settings.Target.Port);
        Assert.Equal(16, settings.Target.Connections);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Target.RequestTimeout);
        Assert.Equal(new Uri("http://127.0.0.1:9080/"), settings.Provisioning.Node);
        Assert.Equal(50_000, settings.Run.Rate);
        Assert.Equal(ArrivalProcess.Constant, settings.Run.Arrival);
        Assert.Equal(42, settings.Run.Seed);
        Assert.Equal(100_000, settings.Run.Workload.CardCount);
        Assert.Equal(200, settings.Run.Workload.MerchantCount);
        Assert.Equal(3, settings.Provisioning.TerminalsPerMerchant);
        Assert.Equal(0.9, settings.Run.Workload.CardSkew);
        Assert.Equal(40, settings.Run.Workload.Mix.Authorize);
        Assert.Equal("results/run1", settings.OutputDirectory);
        Assert.Equal("estate.json", settings.ProvisionCache);
        Assert.Equal(LiveViewMode.Lines, settings.Live);
    }

    [Fact]
    public void Find_max_takes_the_search_bounds()
    {
        var settings = Bind(LoadGenCommand.FindMax, "find-max --p99-ms 5 --start-rate 2000 --max-rate 64000 --max-error-rate 0.01 --latency-quantile 0.999 --pause 0");

        var search = Assert.IsType<CardActors.LoadGen.FindMax.MaxRateSearchOptions>(settings.Search);
        Assert.Equal(TimeSpan.FromMilliseconds(5), search.LatencyBound);
        Assert.Equal(0.999, search.LatencyQuantile);
        Assert.Equal(2_000, search.StartRate);
        Assert.Equal(64_000, search.MaxRate);
        Assert.Equal(0.01, search.ErrorRateBound);
        Assert.Equal(2_000, settings.Run.Rate);
        Assert.Equal(TimeSpan.Zero, settings.StepPause);
        search.Validate();
    }

    [Theory]
    [InlineData("run --rate -5", "--rate must be a positive number")]
    [InlineData("run --rate fast", "--rate")]
    [InlineData("run --duration 5x", "--duration: '5x' is not a duration")]
    [InlineData("run --duration 0", "--duration must be longer than zero")]
    [InlineData("run --mix auth=1,foo=2", "--mix: unknown operation 'foo'")]
    [InlineData("run --connections 0", "--connections must lie between 1 and 4096, not 0")]
    [InlineData("run --target http://x:1", "--target: 'http://x:1' is not a gateway address")]
    [InlineData("run --http ftp://x", "--http: 'ftp://x' is not an http")]
    [InlineData("run --arrival bursty", "bursty")]
    [InlineData("run --card-skew -1", "--card-skew must be a finite number >= 0")]
    [InlineData("run --spend-amounts 0", "--spend-amounts")]
    [InlineData("run --spin 1s", "--spin is at most 100ms")]
    [InlineData("run --no-provision", "--no-provision needs --provision-cache")]
    [InlineData("run --merchants 2 --terminals-per-merchant 1 --connections 3", "--connections 3 exceeds the 2 terminals")]
    [InlineData("run --initial-load 600000", "--initial-load 600000 exceeds --balance-cap 500000")]
    [InlineData("find-max --start-rate 100 --max-rate 50", "--min-rate, --start-rate and --max-rate")]
    [InlineData("find-max --precision 1", "--precision must lie above 0 and below 1")]
    [InlineData("provision", "provision needs --provision-cache")]
    [InlineData("run --frobnicate", "--frobnicate")]
    public async Task A_bad_option_is_named_in_the_error_and_exits_with_the_usage_code(string arguments, string expected)
    {
        var (console, output, errors) = TestConsole.Create();

        var exit = await LoadGenCommandLine.InvokeAsync(arguments.Split(' '), console);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("find-max")]
    [InlineData("provision")]
    public async Task Help_lists_every_option_with_its_default(string command)
    {
        var (console, output, _) = TestConsole.Create();

        var exit = await LoadGenCommandLine.InvokeAsync([command, "--help"], console);

        Assert.Equal(ExitCodes.Success, exit);
        var help = output.ToString();
        var options = LoadGenCommandLine.Create(console).Subcommands.Single(c => c.Name == command).Options;
        Assert.All(options, o => Assert.Contains(o.Name, help, StringComparison.Ordinal));
        Assert.Contains("--provision-cache", help, StringComparison.Ordinal);
        if (command != "provision")
        {
            Assert.Contains("[default: iso://127.0.0.1:8583]", help, StringComparison.Ordinal);
            Assert.Contains("[default: 60s]", help, StringComparison.Ordinal);
        }
    }

    private static LoadGenSettings Bind(LoadGenCommand command, string arguments)
    {
        var options = new LoadGenOptions(command);
        var root = new RootCommand();
        var sub = new Command(LoadGenOptions.Name(command));
        options.AddTo(sub);
        root.Subcommands.Add(sub);
        var result = root.Parse(arguments.Split(' '));
        Assert.Empty(result.Errors);
        Assert.Empty(options.CheckTogether(result));
        return options.Bind(result, Now);
    }
}
