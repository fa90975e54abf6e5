using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Integration.Tests.Support;

/// <summary>
/// Continuous authorizations from many concurrent clients, each recording exactly what it was told:
/// approvals (with their transaction ids), retryable refusals (503), business declines, anything
/// else, and transport failures (a killed node).
/// </summary>
internal sealed class AuthorizationLoad(Func<HttpClient> http, Estate estate, int seed)
{
    public ConcurrentBag<Approval> Approvals { get; } = [];

    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    public int TransportFailures => _transportFailures;

    private int _transportFailures;

    public Task RunAsync(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(seed + c, stop))));

    private async Task ClientAsync(int clientSeed, CancellationToken stop)
    {
        var random = new Random(clientSeed);
        var sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var card = estate.Cards[random.Next(estate.Cards.Length)];
            var amount = random.Next(1, 200);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cards/{card}/authorizations")
            {
                Content = JsonContent.Create(new { amount, merchantId = estate.Merchant, terminalId = estate.Terminal }),
            };
            request.Headers.Add("Idempotency-Key", $"load-{clientSeed}-{sequence++}");
            try
            {
                using var response = await http().SendAsync(request, CancellationToken.None);
                Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                    Approvals.Add(new Approval(card, body.GetProperty("transactionId").GetString()!, amount));
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _transportFailures);
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    public sealed record Approval(string Card, string TransactionId, long Amount);
}
