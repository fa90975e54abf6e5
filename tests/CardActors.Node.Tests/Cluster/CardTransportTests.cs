using System.Net;
using System.Text.Json.Nodes;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Node.Cluster;
using CardActors.Node.Tests.Http.Support;
using CardActors.Runtime.Remoting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Node.Tests.Cluster;

/// <summary>Another node reaching this node's cards over the cluster transport listener, as the node serves it.</summary>
public sealed class CardTransportTests : IClassFixture<HttpNode>
{
    private readonly HttpNode _node;

    public CardTransportTests(HttpNode node) => _node = node;

    [Fact]
    public async Task A_card_on_this_node_is_topped_up_and_read_by_another_node_and_the_change_is_the_cards_own()
    {
        var product = await _node.Estate.DefineProductAsync();
        var issued = await _node.Estate.IssueAsync(product, initialLoad: 1_000);
        var card = CardNumber.Parse(issued);
        await using var client = await ConnectAsync("node-2");
        var cards = new RemoteRegion<CardNumber, CardCommand, CardReply>(client, "card", CardWireFormat.Instance);
        var key = IdempotencyKey.FromClientKey(Estate.NextKey("transport"));

        var loaded = await cards.Ask(card, new TopUp(new TransactionId(0x7000_0000_0000_0001), key, Money.Fen(2_500), TopUpChannel.Online));
        var repeated = await cards.Ask(card, new TopUp(new TransactionId(0x7000_0000_0000_0001), key, Money.Fen(2_500), TopUpChannel.Online));
        var balance = await cards.Ask(card, new InquireBalance());

        Assert.Equal(ResponseCode.Approved, loaded.Code);
        Assert.Equal(3_500, loaded.MainBalance);
        Assert.True(repeated.Repeated);
        Assert.Equal(3_500, balance.MainBalance);
        Assert.Equal(3_500, await _node.Estate.MainBalanceAsync(issued)); // the HTTP API sees the same card
    }

    [Fact]
    public async Task A_decline_travels_back_as_the_cards_answer()
    {
        var product = await _node.Estate.DefineProductAsync();
        var card = CardNumber.Parse(await _node.Estate.IssueAsync(product, initialLoad: 100, activate: false));
        await using var client = await ConnectAsync("node-3");
        var cards = new RemoteRegion<CardNumber, CardCommand, CardReply>(client, "card", CardWireFormat.Instance);

        var declined = await cards.Ask(card, new TopUp(new TransactionId(0x7000_0000_0000_0002), IdempotencyKey.FromClientKey(Estate.NextKey("t")), Money.Fen(1), TopUpChannel.Online));

        Assert.NotEqual(ResponseCode.Approved, declined.Code);
        Assert.NotEqual(DeclineReason.None, declined.Reason);
    }

    [Fact]
    public async Task The_status_endpoint_lists_the_connected_nodes()
    {
        await using var client = await ConnectAsync("node-status-probe");

        var status = await WaitForPeerAsync("node-status-probe");

        Assert.Equal("node-1", status["nodeId"]!.GetValue<string>());
        Assert.Equal(_node.Node.Host.TransportEndpoint!.ToString(), status["listen"]!.GetValue<string>());
        Assert.Contains("card", status["recipients"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    private async Task<JsonNode> WaitForPeerAsync(string nodeId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var status = (await _node.Api.GetAsync("/cluster/transport")).Expect(HttpStatusCode.OK).Body;
            if (status["peers"]!.AsArray().Any(p => p!["nodeId"]!.GetValue<string>() == nodeId))
            {
                return status;
            }

            Assert.True(attempt < 3000, $"{nodeId} never appeared among the peers: {status}");
            await Task.Yield();
        }
    }

    private async Task<TransportClient> ConnectAsync(string nodeId)
    {
        var client = new TransportClient(_node.Node.Host.TransportEndpoint!, new PeerIdentity(nodeId, 1), new TransportSettings(), TimeProvider.System, NullLogger.Instance);
        client.Start();
        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }
}
