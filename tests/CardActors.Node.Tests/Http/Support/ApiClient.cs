using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>
/// JSON over HTTP to a test node, as an integrator would send it: bodies are built as JSON text
/// (so tests can also send what a typed client never would), answers are read as JSON nodes.
/// </summary>
public sealed class ApiClient(Func<HttpClient> http)
{
    public Task<ApiReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ApiReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<ApiReply> PostAsync(string path, JsonNode? body = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : Json(body.ToJsonString()), idempotencyKey);

    public Task<ApiReply> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, Json(body.ToJsonString()));

    /// <summary>Any text with any content type (null: no Content-Type header at all).</summary>
    public Task<ApiReply> SendRawAsync(HttpMethod method, string path, string text, string? contentType, string? idempotencyKey = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return SendAsync(method, path, content, idempotencyKey);
    }

    public async Task<ApiReply> SendAsync(HttpMethod method, string path, HttpContent? content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        using var response = await http().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var json = mediaType is not null && mediaType.EndsWith("json", StringComparison.Ordinal) && text.Length > 0 ? JsonNode.Parse(text) : null;
        return new ApiReply(method.Method + " " + path, response.StatusCode, mediaType, text, json);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}

/// <summary>One answer: status, media type, the text and its JSON.</summary>
public sealed record ApiReply(string Request, HttpStatusCode Status, string? MediaType, string Text, JsonNode? Json)
{
    public JsonNode Body => Json ?? throw new Xunit.Sdk.XunitException($"{Request}: expected a JSON body, got {MediaType}: {Text}");

    /// <summary>Asserts the status and, for a success, the JSON media type; says what came back when it differs.</summary>
    public ApiReply Expect(HttpStatusCode status)
    {
        if (Status != status)
        {
            throw new Xunit.Sdk.XunitException($"{Request}: expected {(int)status} {status}, got {(int)Status} {Status}: {Text}");
        }

        if ((int)status is >= 200 and < 300 && Text.Length > 0)
        {
            Assert.Equal("application/json", MediaType);
        }

        return this;
    }

    public string String(string name) => Body[name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"{Request}: no '{name}' in {Text}");

    public long Long(string name) => Body[name]?.GetValue<long>() ?? throw new Xunit.Sdk.XunitException($"{Request}: no '{name}' in {Text}");

    public long Main => Body["balances"]!["main"]!.GetValue<long>();

    public long Available => Body["balances"]!["available"]!.GetValue<long>();

    public override string ToString() => $"{Request} → {(int)Status}: {Text}";
}
