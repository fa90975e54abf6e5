using System.Net;
using CardActors.Node.Api;
using CardActors.Node.Cluster;
using CardActors.Node.Gateway;
using CardActors.Node.Metrics;
using CardActors.Runtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Console;

namespace CardActors.Node.Hosting;

/// <summary>
/// The node as a process: configuration (defaults, an optional JSON file, CARDACTORS_ environment
/// variables, command-line keys), logging, the kernel, and Kestrel serving the HTTP API (and the
/// ISO 8583 gateway) on the configured endpoints.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeHost(WebApplication app, CardActorsNode node)
    {
        _app = app;
        Node = node;
    }

    public CardActorsNode Node { get; }

    /// <summary>The HTTP API's base address, e.g. http://127.0.0.1:8080 (the real port when 0 was configured).</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>The ISO 8583 gateway's endpoint, or null when it is disabled.</summary>
    public IPEndPoint? IsoEndpoint { get; private set; }

    /// <summary>The cluster transport's endpoint, or null when it is disabled.</summary>
    public IPEndPoint? TransportEndpoint { get; private set; }

    public static async Task<NodeHost> StartAsync(string[] args, string? configFile, IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        // The builder's default appsettings sources would watch the working directory and everything
        // under it (one inotify event, read and lstat per file written there, such as the node's own
        // log or a benchmark's reports); the node reads its configuration once, so nothing watches.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.Sources.Clear();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new FileNotFoundException($"--config: '{configFile}' does not exist.", configFile);
            }

            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables("CARDACTORS_");
        builder.Configuration.AddCommandLine(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        // A full console queue drops lines instead of blocking the thread that logs: under a storm
        // of warnings (a journal outage fails thousands of writes at once) request threads waited
        // for the console, and the node fell further behind than the outage alone put it.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var options = new NodeOptions();
        builder.Configuration.GetSection(NodeOptions.Section).Bind(options);
        var holder = new NodeHolder();
        builder.Services.AddSingleton(holder);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<NodeHolder>().Node);
        CardActorsNode? node = null;
        try
        {
            builder.Services.AddSingleton(new PrometheusExporter(RuntimeMetrics.MeterName, "CardActors", "System.Runtime"));
            builder.Services.AddExceptionHandler<ErrorHandling>();
            builder.Services.AddProblemDetails();
            builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CardActors HTTP API";
                document.Info.Description = "Card products, cards, merchants and terminals of a CardActors node. Amounts are integers in minor units (fen).";
                return Task.CompletedTask;
            }));
            builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default));
            builder.Services.AddSingleton<PaymentCodes>(sp => new PaymentCodes(TimeProvider.System));
            builder.Services.AddSingleton<IIssuerCore>(sp => new NodeIssuerCore(sp.GetRequiredService<CardActorsNode>()));
            builder.Services.AddSingleton(options.Iso8583);
            builder.Services.AddSingleton<IsoProcessor>();
            ListenOptions? iso = null;
            ListenOptions? transport = null;
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Parse(options.Http.Address), options.Http.Port, l => l.Protocols = HttpProtocols.Http1);
                if (options.Iso8583.Enabled)
                {
                    kestrel.Listen(IPAddress.Parse(options.Iso8583.Listen.Address), options.Iso8583.Listen.Port, l =>
                    {
                        iso = l;
                        l.UseConnectionHandler<IsoConnectionHandler>();
                    });
                }

                if (options.Cluster.Transport.Enabled)
                {
                    kestrel.Listen(IPAddress.Parse(options.Cluster.Transport.Listen.Address), options.Cluster.Transport.Listen.Port, l =>
                    {
                        transport = l;
                        l.UseConnectionHandler<TransportConnectionHandler>();
                    });
                }
            });

            var app = builder.Build();
            node = await CardActorsNode.StartAsync(options, TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>(), cancellationToken);
            holder.Node = node;
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.MapOpenApi("/openapi/{documentName}.json");
            app.MapHealthEndpoints();
            app.MapClusterEndpoints(() => transport?.IPEndPoint?.ToString());
            app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"))
                .WithTags("Health").ExcludeFromDescription();
            app.MapProductEndpoints();
            app.MapCardEndpoints();
            app.MapMerchantEndpoints();
            await app.StartAsync(cancellationToken);

            var host = new NodeHost(app, node);
            host.HttpAddress = new Uri(app.Urls.First(a => a.StartsWith("http://", StringComparison.Ordinal)
                && !a.EndsWith(":" + (iso?.IPEndPoint?.Port ?? -1), StringComparison.Ordinal)
                && !a.EndsWith(":" + (transport?.IPEndPoint?.Port ?? -1), StringComparison.Ordinal)));
            host.IsoEndpoint = iso?.IPEndPoint;
            host.TransportEndpoint = transport?.IPEndPoint;
            NodeLog.Serving(app.Logger, options.NodeId, host.HttpAddress.ToString(), host.IsoEndpoint?.ToString() ?? "off",
                host.TransportEndpoint?.ToString() ?? "off", options.Journal.Kind);
            return host;
        }
        catch
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await Node.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The node starts after the container is built (it logs through it); endpoints resolve it from here.</summary>
    private sealed class NodeHolder
    {
        public CardActorsNode Node { get; set; } = null!;
    }
}
