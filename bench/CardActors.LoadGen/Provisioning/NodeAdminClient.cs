using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.LoadGen.Provisioning;

/// <summary>
/// The calls of the node's HTTP administration API that provisioning needs. Creating what exists
/// already (409) counts as success, so provisioning can be repeated; any other failure becomes a
/// <see cref="ProvisioningException"/> that names the call and quotes the node's problem details.
/// </summary>
public sealed class NodeAdminClient
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(250);
    private readonly HttpClient _http;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the node's base address.</param>
    public NodeAdminClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HTTP client needs the node's base address.", nameof(http));
        }

        _http = http;
    }

    /// <summary>Waits until GET /readyz answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            string last;
            try
            {
                using var response = await _http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"it answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new ProvisioningException($"The node at {_http.BaseAddress} was not ready within {timeout.TotalSeconds:0.#} s: {last}.");
            }

            await Task.Delay(ReadyPoll, cancellationToken);
        }
    }

    /// <returns>True when created, false when it existed.</returns>
    internal Task<bool> CreateProductAsync(CreateProduct product, CancellationToken cancellationToken) =>
        CreateAsync("api/products", product, ProvisioningJsonContext.Default.CreateProduct, cancellationToken);

    /// <returns>True when created, false when it existed.</returns>
    internal Task<bool> CreateMerchantAsync(CreateMerchant merchant, CancellationToken cancellationToken) =>
        CreateAsync("api/merchants", merchant, ProvisioningJsonContext.Default.CreateMerchant, cancellationToken);

    /// <summary>Registers a terminal and returns its MAC key; a terminal that exists gets a new key (the old one is unknown here).</summary>
    internal async Task<string> RegisterTerminalAsync(string merchantId, string terminalId, CancellationToken cancellationToken)
    {
        var path = $"api/merchants/{Uri.EscapeDataString(merchantId)}/terminals";
        using (var response = await PostAsync(path, new RegisterTerminal(terminalId), ProvisioningJsonContext.Default.RegisterTerminal, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureAsync(response, path, HttpStatusCode.Created);
                return Key(await ReadAsync(response, ProvisioningJsonContext.Default.TerminalKey, path, cancellationToken), terminalId, path);
            }
        }

        var rotate = $"{path}/{Uri.EscapeDataString(terminalId)}/mac-key";
        using var rotated = await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(rotate, UriKind.Relative)), rotate, cancellationToken);
        await EnsureAsync(rotated, rotate, HttpStatusCode.OK);
        return Key(await ReadAsync(rotated, ProvisioningJsonContext.Default.TerminalKey, rotate, cancellationToken), terminalId, rotate);
    }

    /// <summary>Issues active cards loaded with customer money; at most 10,000 per call.</summary>
    internal async Task<IReadOnlyList<string>> IssueCardsAsync(IssueCards request, CancellationToken cancellationToken)
    {
        const string Path = "api/cards/bulk";
        using var response = await PostAsync(Path, request, ProvisioningJsonContext.Default.IssueCards, cancellationToken);
        await EnsureAsync(response, Path, HttpStatusCode.Created);
        var issued = await ReadAsync(response, ProvisioningJsonContext.Default.IssuedCards, Path, cancellationToken);
        if (issued.Cards is null || issued.Cards.Count != request.Count)
        {
            var why = issued.Failed is { Count: > 0 } failed ? $" The first refusal: {failed[0].ResponseCode} {failed[0].Detail}." : "";
            throw new ProvisioningException($"POST /{Path} asked for {request.Count} cards and returned {issued.Cards?.Count ?? 0}.{why}");
        }

        return issued.Cards;
    }

    private async Task<bool> CreateAsync<T>(string path, T body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(path, body, type, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureAsync(response, path, HttpStatusCode.Created);
        return true;
    }

    private Task<HttpResponseMessage> PostAsync<T>(string path, T body, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, type) }, path, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string path, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new ProvisioningException($"{request.Method} /{path}: the node at {_http.BaseAddress} could not be reached: {e.Message}", e);
            }
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string path, HttpStatusCode expected)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var problem = await ReadProblemAsync(response);
        throw new ProvisioningException(
            $"{response.RequestMessage?.Method} /{path} answered {(int)response.StatusCode} {response.ReasonPhrase}" +
            (problem is null ? "." : $": {problem.Title}{(string.IsNullOrEmpty(problem.Detail) ? "" : " — " + problem.Detail)}"));
    }

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync();
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, ProvisioningJsonContext.Default.Problem);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new ProvisioningException($"/{path} answered an empty body.");
        }
        catch (JsonException e)
        {
            throw new ProvisioningException($"/{path} answered JSON that does not match the API: {e.Message}", e);
        }
    }

    private static string Key(TerminalKey answer, string terminalId, string path)
    {
        if (answer.MacKey is not { Length: 64 } key || !key.All(char.IsAsciiHexDigit))
        {
            throw new ProvisioningException($"/{path} returned a MAC key for terminal {terminalId} that is not 64 hexadecimal characters.");
        }

        return key;
    }
}
