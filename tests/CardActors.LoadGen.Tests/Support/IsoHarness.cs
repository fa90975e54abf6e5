using CardActors.LoadGen.Estate;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>A fake gateway and an ISO transport connected to it, for tests that drive Send by hand.</summary>
internal sealed class IsoHarness : IAsyncDisposable
{
    private IsoHarness(FakeIsoGateway gateway, IsoLoadTarget target, LoadEstate estate, ILoadClock clock)
    {
        Gateway = gateway;
        Target = target;
        Estate = estate;
        Clock = clock;
    }

    public FakeIsoGateway Gateway { get; }

    public IsoLoadTarget Target { get; }

    public LoadEstate Estate { get; }

    /// <summary>The clock of the target and of the requests' intended times: the system's, or one the test moves.</summary>
    public ILoadClock Clock { get; }

    public CollectingSink Sink { get; } = new();

    public static IsoTargetOptions Options(int port, int connections) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Connections = connections,
        RequestTimeout = TimeSpan.FromSeconds(15),
        StartTimeout = TimeSpan.FromSeconds(15),
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        EchoInterval = TimeSpan.Zero,
        TimeoutResolution = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>Starts a gateway and a target signed on to it.</summary>
    public static async Task<IsoHarness> StartAsync(
        int merchants = 2,
        int terminalsPerMerchant = 1,
        int connections = 1,
        Func<IsoTargetOptions, IsoTargetOptions>? configure = null,
        Action<FakeIsoGateway>? prepare = null,
        int receiveBufferSize = 0,
        ILoadClock? clock = null)
    {
        clock ??= new SystemLoadClock();
        var (estate, keys) = TestEstates.Create(merchants, terminalsPerMerchant, cards: 50);
        var gateway = new FakeIsoGateway(keys, receiveBufferSize);
        prepare?.Invoke(gateway);
        var options = Options(gateway.Port, connections);
        var target = new IsoLoadTarget(configure is null ? options : configure(options), estate, clock);
        var harness = new IsoHarness(gateway, target, estate, clock);
        try
        {
            await target.StartAsync();
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    public static LoadRequest Fresh(long sequence, OperationKind kind, long amount, int merchant = 0, int card = 0) =>
        new(sequence, kind, card, merchant, amount, OriginalReference.None);

    public static LoadRequest FollowUp(long sequence, OperationKind kind, in LoadRequest original) =>
        new(sequence, kind, original.CardIndex, original.MerchantIndex, original.Amount,
            new OriginalReference(original.Sequence, original.Kind, original.Amount, 0));

    public void Send(in LoadRequest request) => Target.Send(in request, Clock.Now, Sink);

    public async ValueTask DisposeAsync()
    {
        await Target.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}
