using CardActors.Node.Hosting;

namespace CardActors.Node.Tests.Support;

/// <summary>
/// A real node in this process: Kestrel on 127.0.0.1 with free ports, a journal of its own (SQLite
/// in a temporary directory by default, or in memory), its own terminal master key. Disposing it
/// stops the node; <see cref="RestartAsync"/> starts a new node on the same data, as a process
/// restart would.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private NodeHost _host;

    private TestNode(NodeHost host, Dictionary<string, string?> settings, string directory)
    {
        _host = host;
        _settings = settings;
        Directory = directory;
        Http = new HttpClient { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Directory { get; }

    public HttpClient Http { get; private set; }

    public NodeHost Host => _host;

    public CardActorsNode Node => _host.Node;

    public System.Net.IPEndPoint IsoEndpoint => _host.IsoEndpoint ?? throw new InvalidOperationException("The ISO 8583 gateway is disabled.");

    /// <param name="journal">sqlite (default) or memory.</param>
    /// <param name="settings">Further configuration keys, e.g. "CardActors:Iso8583:IdleTimeout".</param>
    public static async Task<TestNode> StartAsync(string journal = "sqlite", IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cardactors-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string?>
        {
            ["CardActors:Http:Port"] = "0",
            ["CardActors:Iso8583:Listen:Port"] = "0",
            ["CardActors:Cluster:Transport:Listen:Port"] = "0",
            ["CardActors:Journal:Kind"] = journal,
            ["CardActors:Journal:SqlitePath"] = Path.Combine(directory, "cardactors.db"),
            ["CardActors:Iso8583:MasterKeyFile"] = Path.Combine(directory, "terminal-master.key"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await NodeHost.StartAsync([], null, all);
        return new TestNode(host, all, directory);
    }

    /// <summary>Stops the node and starts a new one on the same journal (new ports).</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
        _host = await NodeHost.StartAsync([], null, _settings);
        Http = new HttpClient { BaseAddress = _host.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
