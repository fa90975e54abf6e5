using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CardActors.Iso8583;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>
/// The node's provisioning API as the contract describes it, on 127.0.0.1 (HttpListener): products,
/// merchants, terminals with MAC keys (installed into a key ring a fake gateway can check), key
/// rotation, and bulk card issuance. Existing ids answer 409; failures can be switched on.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HashSet<string> _products = [];
    private readonly HashSet<string> _merchants = [];
    private readonly HashSet<string> _terminals = [];
    private readonly List<(string Method, string Path, string Body)> _requests = [];
    private readonly Random _random = new(11);
    private readonly Task _serving;
    private int _nextCard;

    public FakeNode(TerminalKeyRing keys)
    {
        Keys = keys;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public TerminalKeyRing Keys { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Answer POST /api/merchants with a 500 problem.</summary>
    public bool FailMerchants { get; set; }

    public IReadOnlyList<(string Method, string Path, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Makes ids exist before provisioning, so that creating them answers 409.</summary>
    public void Seed(string? product = null, string? merchant = null, string? terminal = null)
    {
        lock (_requests)
        {
            if (product is not null)
            {
                _products.Add(product);
            }

            if (merchant is not null)
            {
                _merchants.Add(merchant);
            }

            if (terminal is not null)
            {
                _terminals.Add(terminal);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var context = await _listener.GetContextAsync();
                _ = Task.Run(() => Handle(context));
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    private void Handle(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = reader.ReadToEnd();
        var path = context.Request.Url!.AbsolutePath;
        var method = context.Request.HttpMethod;
        int status;
        string? answer;
        lock (_requests)
        {
            _requests.Add((method, path, body));
            (status, answer) = Route(method, path.Trim('/').Split('/'), body);
        }

        context.Response.StatusCode = status;
        if (answer is not null)
        {
            context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.OutputStream.Write(bytes);
        }

        context.Response.Close();
    }

    private (int Status, string? Body) Route(string method, string[] path, string body)
    {
        if (method == "GET" && path is ["readyz"])
        {
            return (200, null);
        }

        if (method != "POST")
        {
            return (405, null);
        }

        using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        var root = json.RootElement;
        switch (path)
        {
            case ["api", "products"]:
                return _products.Add(root.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)) ? (201, "{}") : (409, Problem(409, "Conflict", "The product exists."));
            case ["api", "merchants"]:
                if (FailMerchants)
                {
                    return (500, Problem(500, "Internal failure", "The journal is unavailable."));
                }

                return _merchants.Add(root.GetProperty("id").GetString()!) ? (201, "{}") : (409, Problem(409, "Conflict", "The merchant exists."));
            case ["api", "merchants", var merchant, "terminals"]:
                var terminal = root.GetProperty("terminalId").GetString()!;
                if (!_merchants.Contains(merchant))
                {
                    return (404, Problem(404, "Not found", $"No merchant {merchant}."));
                }

                return _terminals.Add(terminal) ? (201, Key(terminal)) : (409, Problem(409, "Conflict", "The terminal exists."));
            case ["api", "merchants", _, "terminals", var rotated, "mac-key"]:
                return _terminals.Contains(rotated) ? (200, Key(rotated)) : (404, Problem(404, "Not found", "No such terminal."));
            case ["api", "cards", "bulk"]:
                var count = root.GetProperty("count").GetInt32();
                if (count is < 1 or > 10_000)
                {
                    return (400, Problem(400, "Bad request", "count must lie between 1 and 10,000."));
                }

                var cards = Enumerable.Range(_nextCard, count).Select(i => $"\"{TestEstates.Pan(i)}\"");
                _nextCard += count;
                return (201, $"{{\"cards\":[{string.Join(',', cards)}]}}");
            default:
                return (404, Problem(404, "Not found", "No such resource."));
        }
    }

    private string Key(string terminal)
    {
        var key = new byte[MacKey.Length];
        _random.NextBytes(key);
        Keys.Install(Encoding.ASCII.GetBytes(terminal), new MacKey(key));
        Keys.RetirePrevious(Encoding.ASCII.GetBytes(terminal));
        return $"{{\"terminalId\":\"{terminal}\",\"macKey\":\"{Convert.ToHexString(key)}\"}}";
    }

    private static string Problem(int status, string title, string detail) =>
        $"{{\"type\":\"about:blank\",\"title\":\"{title}\",\"status\":{status},\"detail\":\"{detail}\"}}";
}
