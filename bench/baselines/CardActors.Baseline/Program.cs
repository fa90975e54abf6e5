using System.Globalization;
using System.Net;
using CardActors.Domain.Identifiers;
using CardActors.Node.Gateway;
using CardActors.Node.Hosting;
using CardActors.Node.Merchants;
using Microsoft.AspNetCore.Connections;
using Npgsql;

namespace CardActors.Baseline;

/// <summary>
/// `cardactors-baseline`: the database-lock design behind the node's own ISO 8583 gateway, and the
/// node's provisioning API, so that the load generator drives both identically.
/// </summary>
public static class Program
{
    private const string Usage = """
        cardactors-baseline [--pg <connection string>] [--schema baseline] [--http-port 8090] [--iso-port 8593]
                            [--pool 32] [--master-key-file data/baseline-master.key] [--reset]
          --pg defaults to the CARDACTORS_PG environment variable (scripts/postgres.sh prints one).
          --pool is the number of PostgreSQL connections, all opened at start and kept (1 to 90).
          --reset drops the baseline's schema first (a fresh run).
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = BaselineOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        // As in the node: no watcher on the working directory, where the benchmark writes its reports.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A fixed pool, opened before the first request: opening a connection (SCRAM authentication)
        // costs milliseconds of CPU, and a pool that grows under overload spends the cores on opening
        // connections that time out before they are used, so that nothing gets through at all.
        var data = new NpgsqlDataSourceBuilder(options.ConnectionString +
            $";Search Path={options.Schema};Minimum Pool Size={options.Pool};Maximum Pool Size={options.Pool};Timeout=3;Command Timeout=10").Build();
        await BaselineSchema.CreateAsync(data, options.Schema, options.Reset);
        await OpenPoolAsync(data, options.Pool);

        var keys = TerminalKeys.FromFile(options.MasterKeyFile);
        var core = new DbLockCore(data, keys, TimeProvider.System);
        await BaselineProvisioning.RefreshAsync(data, core);
        var gateway = new IsoGatewayOptions { Listen = new EndpointOptions { Address = "127.0.0.1", Port = options.IsoPort } };
        builder.Services.AddSingleton<IIssuerCore>(core);
        builder.Services.AddSingleton(gateway);
        builder.Services.AddSingleton(new PaymentCodes(TimeProvider.System));
        builder.Services.AddSingleton<IsoProcessor>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.HttpPort);
            kestrel.Listen(IPAddress.Loopback, options.IsoPort, l => l.UseConnectionHandler<IsoConnectionHandler>());
        });

        await using var app = builder.Build();
        BaselineProvisioning.Map(app, data, core, keys, CardNumberGenerator.Scrambled("623456", 19, 777));
        await app.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline serving: HTTP on 127.0.0.1:{options.HttpPort}, ISO 8583 on 127.0.0.1:{options.IsoPort}, PostgreSQL schema {options.Schema}"));
        await app.WaitForShutdownAsync();
        await data.DisposeAsync();
        return 0;
    }

    private static async Task OpenPoolAsync(NpgsqlDataSource data, int size)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => data.OpenConnectionAsync().AsTask()));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }
}

internal sealed record BaselineOptions(string ConnectionString, string Schema, int HttpPort, int IsoPort, int Pool, string MasterKeyFile, bool Reset)
{
    public static BaselineOptions? Parse(string[] args)
    {
        var options = new BaselineOptions(Environment.GetEnvironmentVariable("CARDACTORS_PG") ?? "", "baseline", 8090, 8593, 32, "data/baseline-master.key", false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--pg" when value is not null: options = options with { ConnectionString = value }; i++; break;
                case "--schema" when value is not null && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'): options = options with { Schema = value }; i++; break;
                case "--http-port" when int.TryParse(value, out var http): options = options with { HttpPort = http }; i++; break;
                case "--iso-port" when int.TryParse(value, out var iso): options = options with { IsoPort = iso }; i++; break;
                case "--pool" when int.TryParse(value, out var pool) && pool is >= 1 and <= 90: options = options with { Pool = pool }; i++; break;
                case "--master-key-file" when value is not null: options = options with { MasterKeyFile = value }; i++; break;
                case "--reset": options = options with { Reset = true }; break;
                default: return null;
            }
        }

        return string.IsNullOrWhiteSpace(options.ConnectionString) ? null : options;
    }
}
