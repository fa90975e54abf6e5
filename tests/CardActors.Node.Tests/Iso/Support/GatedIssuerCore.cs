using System.Collections.Immutable;
using System.Net;
using System.Threading.Channels;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Iso8583;
using CardActors.Node.Gateway;
using CardActors.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// An issuer core whose card decisions wait until the test gives them, behind the real gateway on
/// Kestrel (127.0.0.1, a free port), on a clock the test moves: one merchant with one terminal.
/// </summary>
internal sealed class GatedIssuerCore : IIssuerCore, IAsyncDisposable
{
    public const string Merchant = "GATED0000000001";
    public const string Terminal = "T0000001";
    private static readonly MacKey Key = new(Enumerable.Range(1, MacKey.Length).Select(i => (byte)i).ToArray());
    private readonly Channel<(CardCommand Command, TaskCompletionSource<CardReply> Decision)> _asked = Channel.CreateUnbounded<(CardCommand, TaskCompletionSource<CardReply>)>();
    private readonly MerchantProfile _profile = new(
        MerchantId.Parse(Merchant), 1, MerchantStatus.Active, new MerchantCategory(5812), new MerchantGroupId(1), [],
        [TerminalId.Parse(Terminal)], [new TerminalKeyVersions(1, 0)]);
    private WebApplication? _app;
    private int _asks;

    private GatedIssuerCore(SteppedClock clock) => Clock = clock;

    public SteppedClock Clock { get; }

    public PosTerminal PosTerminal { get; } = new(PosTerminal.DefaultAcquirer, Merchant, Terminal, Key);

    public IPEndPoint Endpoint { get; private set; } = null!;

    /// <summary>Card commands that reached the core.</summary>
    public int Asks => Volatile.Read(ref _asks);

    public Currency Currency => Currency.Cny;

    public TimeProvider Time => Clock;

    public static async Task<GatedIssuerCore> StartAsync(IsoGatewayOptions options)
    {
        var core = new GatedIssuerCore(new SteppedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IIssuerCore>(core);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new PaymentCodes(core.Clock));
        builder.Services.AddSingleton<IsoProcessor>();
        ListenOptions? iso = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l =>
        {
            iso = l;
            l.UseConnectionHandler<IsoConnectionHandler>();
        }));
        core._app = builder.Build();
        await core._app.StartAsync();
        core.Endpoint = iso!.IPEndPoint!;
        return core;
    }

    public MerchantProfile? FindMerchant(MerchantId merchant) => merchant == _profile.Id ? _profile : null;

    public MacKey TerminalKey(MerchantId merchant, TerminalId terminal, int version) => Key;

    public ValueTask<CardReply> DecideAsync(CardNumber card, CardCommand command, TimeSpan timeout)
    {
        Interlocked.Increment(ref _asks);
        var decision = new TaskCompletionSource<CardReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _asked.Writer.TryWrite((command, decision));
        return new ValueTask<CardReply>(decision.Task);
    }

    /// <summary>Waits for the next command to reach the core and approves it when <paramref name="clockFirst"/> has passed on the clock.</summary>
    public async Task ApproveNextAsync(TimeSpan clockFirst)
    {
        var (command, decision) = await _asked.Reader.ReadAsync().AsTask().WaitAsync(PosConnection.HangGuard);
        Clock.Advance(clockFirst);
        var id = command is CardMoneyCommand money ? money.TransactionId : TransactionId.None;
        decision.SetResult(new CardReply(ResponseCode.Approved, id, 100, 100, 0, 900, 0, 900, DeclineReason.None));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
