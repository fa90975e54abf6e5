using System.Diagnostics;

namespace CardActors.Integration.Tests.Support;

/// <summary>
/// A `cardactors` node as its own process, so that it can be killed with SIGKILL like a crashed
/// machine. Listens on free loopback ports; its output is kept for the failure message.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private NodeProcess(Process process, int httpPort)
    {
        _process = process;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<NodeProcess> StartAsync(string directory, IReadOnlyDictionary<string, string> settings)
    {
        // A port found free can still be taken before the node binds it (other test processes run
        // beside this one); that start is retried on new ports, any other failure is reported.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(directory, settings);
            }
            catch (NodeStartException failure) when (attempt < 3 && failure.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<NodeProcess> StartOnceAsync(string directory, IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = Repository.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Repository.NodeAssembly);
        foreach (var (key, value) in new Dictionary<string, string>(settings)
        {
            ["CardActors:Http:Port"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CardActors:Iso8583:Listen:Port"] = Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CardActors:Cluster:Transport:Listen:Port"] = Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CardActors:Iso8583:MasterKeyFile"] = Path.Combine(directory, "terminal-master.key"),
        })
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The node process did not start.");
        var node = new NodeProcess(process, httpPort);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitReadyAsync();
        return node;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitReadyAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new NodeStartException("The node exited while starting:" + Environment.NewLine + Output);
            }

            try
            {
                using var ready = await Http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The node did not become ready within 60 s:" + Environment.NewLine + Output);
    }

    /// <summary>SIGKILL: no orderly stop, no flush; what was not durable is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
