using CardActors.Node.Api.Contracts;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>A fresh estate and one connection on which its first terminal has signed on.</summary>
internal sealed class IsoSession : IAsyncDisposable
{
    private IsoSession(IsoEstate estate, PosConnection pos)
    {
        Estate = estate;
        Pos = pos;
    }

    public IsoEstate Estate { get; }

    public PosTerminal Terminal => Estate.Terminal;

    public PosConnection Pos { get; }

    public static async Task<IsoSession> StartAsync(TestNode node, ProductDocument? product = null)
    {
        var estate = await IsoEstate.CreateAsync(node, product: product);
        var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
        var signOn = estate.Terminal.SignOn();
        IsoAssert.Answered(signOn, await pos.ExchangeAsync(signOn), 0, estate.Terminal.Key);
        return new IsoSession(estate, pos);
    }

    public Task<IsoAnswer> ExchangeAsync(PosRequest request) => Pos.ExchangeAsync(request);

    public Task<(long Main, long Available, int Holds)> BalancesAsync(string card) => Estate.BalancesAsync(card);

    public ValueTask DisposeAsync() => Pos.DisposeAsync();
}
