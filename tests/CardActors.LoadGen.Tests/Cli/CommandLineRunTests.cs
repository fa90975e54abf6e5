using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CardActors.Iso8583;
using CardActors.LoadGen.Cli;
using CardActors.LoadGen.Tests.Support;

namespace CardActors.LoadGen.Tests.Cli;

/// <summary>The whole tool against an in-test node (HTTP) and gateway (ISO 8583), on 127.0.0.1, for about a second each.</summary>
public sealed class CommandLineRunTests : IDisposable
{
    private const string ResultLine = @"^loadgen throughput_per_s=\d+ p50_ms=[\d.]+ p99_ms=[\d.]+ p999_ms=[\d.]+ max_ms=[\d.]+ errors=\d+ offered_per_s=\d+ goodput_per_s=\d+$";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("loadgen-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Run_provisions_trades_writes_the_reports_and_ends_with_the_result_line_then_reuses_the_cache()
    {
        var keys = new TerminalKeyRing();
        await using var node = new FakeNode(keys);
        await using var gateway = new FakeIsoGateway(keys);
        var cache = Path.Combine(_directory.FullName, "estate.json");
        var output = Path.Combine(_directory.FullName, "run1");
        var (console, stdout, errors) = TestConsole.Create(out var ui);

        var exit = await LoadGenCommandLine.InvokeAsync(Arguments(
            $"run --target iso://127.0.0.1:{gateway.Port} --http {node.Address} --rate 300 --arrival constant --duration 1 --warmup 0 --drain 2 " +
            $"--connections 2 --cards 200 --merchants 3 --terminals-per-merchant 2 --live lines --seed 5 --out {output} --provision-cache {cache}"), console);

        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {errors}");
        var line = Assert.Single(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(ResultLine, line);
        Assert.Contains(" errors=0 offered_per_s=300", line, StringComparison.Ordinal);
        Assert.All(new[] { "report.json", "report.md", "report-latency-over-time.svg", "report-percentiles.svg" },
            file => Assert.True(File.Exists(Path.Combine(output, file)), file));
        Assert.Contains("provisioning cards: 200/200", ui.ToString(), StringComparison.Ordinal);
        Assert.Contains("Signed on: 6 terminals", ui.ToString(), StringComparison.Ordinal);
        Assert.Equal(300, gateway.Received.Count(m => m.IsTrading));
        Assert.All(gateway.Received, m => Assert.True(m.MacValid));
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "report.md"));
        Assert.Contains("iso8583://127.0.0.1", markdown, StringComparison.Ordinal);

        // Again, from the cache alone: the node is not asked for anything.
        var calls = node.Requests.Count;
        var (again, againOut, againErrors) = TestConsole.Create();
        exit = await LoadGenCommandLine.InvokeAsync(Arguments(
            $"run --target iso://127.0.0.1:{gateway.Port} --http http://127.0.0.1:1 --rate 100 --duration 1 --warmup 0 --drain 2 " +
            $"--connections 2 --cards 100 --merchants 3 --terminals-per-merchant 2 --live lines --out {output}-again --provision-cache {cache} --no-provision"), again);

        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {againErrors}");
        Assert.Matches(ResultLine, againOut.ToString().Trim());
        Assert.Equal(calls, node.Requests.Count);
    }

    [Fact]
    public async Task Find_max_steps_through_rates_and_writes_its_reports()
    {
        var keys = new TerminalKeyRing();
        await using var node = new FakeNode(keys);
        await using var gateway = new FakeIsoGateway(keys);
        var output = Path.Combine(_directory.FullName, "search");
        var (console, stdout, errors) = TestConsole.Create(out var ui);

        var exit = await LoadGenCommandLine.InvokeAsync(Arguments(
            $"find-max --target iso://127.0.0.1:{gateway.Port} --http {node.Address} --start-rate 100 --max-rate 200 --max-steps 2 --p99-ms 1000 " +
            $"--duration 1 --warmup 0 --drain 1 --pause 0 --connections 1 --cards 50 --merchants 2 --terminals-per-merchant 1 --live lines --out {output}"), console);

        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {errors}");
        Assert.Matches(@"^loadgen max_rate_per_s=\d+ outcome=[a-z-]+ steps=[12] throughput_per_s=\d+ p50_ms=[\d.]+ p99_ms=[\d.]+ p999_ms=[\d.]+ max_ms=[\d.]+ errors=\d+ offered_per_s=\d+ goodput_per_s=\d+$", stdout.ToString().Trim());
        Assert.True(File.Exists(Path.Combine(output, "find-max.json")));
        Assert.True(File.Exists(Path.Combine(output, "find-max.md")));
        Assert.Contains("step 1: offered 100/s", ui.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_keeps_the_estate_in_the_cache()
    {
        var keys = new TerminalKeyRing();
        await using var node = new FakeNode(keys);
        var cache = Path.Combine(_directory.FullName, "estate.json");
        var (console, stdout, errors) = TestConsole.Create();

        var exit = await LoadGenCommandLine.InvokeAsync(Arguments($"provision --http {node.Address} --cards 12 --merchants 2 --provision-cache {cache}"), console);

        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {errors}");
        Assert.Equal("loadgen provisioned cards=12 merchants=2 terminals=4", stdout.ToString().Trim());
        Assert.True(File.Exists(cache));
    }

    [Fact]
    public async Task A_gateway_that_cannot_be_reached_exits_with_its_own_code()
    {
        var keys = new TerminalKeyRing();
        await using var node = new FakeNode(keys);
        var (console, stdout, errors) = TestConsole.Create();

        var exit = await LoadGenCommandLine.InvokeAsync(Arguments(
            $"run --target iso://127.0.0.1:{ClosedPort()} --http {node.Address} --connect-timeout 300ms --cards 10 --merchants 1 --connections 1"), console);

        Assert.Equal(ExitCodes.TargetUnreachable, exit);
        Assert.Contains("the gateway is unreachable", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task A_provisioning_failure_exits_with_its_own_code_and_quotes_the_node()
    {
        await using var node = new FakeNode(new TerminalKeyRing()) { FailMerchants = true };
        var (console, stdout, errors) = TestConsole.Create();

        var exit = await LoadGenCommandLine.InvokeAsync(Arguments($"run --http {node.Address} --cards 10 --merchants 1 --connections 1"), console);

        Assert.Equal(ExitCodes.ProvisioningFailed, exit);
        Assert.Contains("The journal is unavailable.", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task No_provision_without_a_cache_file_on_disk_fails_as_provisioning()
    {
        var (console, _, errors) = TestConsole.Create();
        var missing = Path.Combine(_directory.FullName, "missing.json");

        var exit = await LoadGenCommandLine.InvokeAsync(Arguments($"run --no-provision --provision-cache {missing} --cards 10 --merchants 1 --connections 1"), console);

        Assert.Equal(ExitCodes.ProvisioningFailed, exit);
        Assert.Contains("does not exist", errors.ToString(), StringComparison.Ordinal);
    }

    private static string[] Arguments(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
