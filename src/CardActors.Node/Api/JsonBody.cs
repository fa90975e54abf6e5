using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace CardActors.Node.Api;

/// <summary>
/// Reads a request body with errors an integrator can act on: a wrong type or an unknown member
/// is reported under the field's own name, an empty body or a wrong content type plainly.
/// </summary>
internal static class JsonBody
{
    private const string AnyContentType = "*/*";

    /// <summary>
    /// Declares a JSON body of <typeparamref name="T"/> and the refusals of a body. The route also
    /// matches other content types so that <see cref="ReadAsync{T}"/> answers them with a problem
    /// naming Content-Type (routing's own 415 has no detail); the document shows JSON only.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
        where T : notnull => builder
        .Accepts<T>("application/json", AnyContentType)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody?.Content?.Remove(AnyContentType);
            return Task.CompletedTask;
        });

    public static async Task<Parsed<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return new(null, Problems.UnsupportedMediaType(request.ContentType));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
            return value is null
                ? new(null, Problems.Invalid("body", "must be a JSON object"))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            return new(null, Refusal(exception));
        }
    }

    /// <summary>An unknown member or a wrong type under the field's own name; broken JSON as a fault of the body, with where it broke.</summary>
    private static IResult Refusal(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        var message = exception.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return Problems.Invalid(field, "is not a field of this request");
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return field == "body"
                ? Problems.Invalid("body", "must be a JSON object")
                : Problems.Invalid(field, "has the wrong type (amounts and ids are JSON integers, names are strings)");
        }

        return Problems.Invalid("body", "is not valid JSON (" + Where(exception) + ")");
    }

    /// <summary>"$.scope.categories[2]" → "scope.categories[2]"; the root → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>Where the text stopped being JSON: "at amount, line 1, byte 12".</summary>
    private static string Where(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        var at = field == "body" ? "" : "at " + field + ", ";
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"{at}line {line + 1}, byte {position + 1}"
            : field == "body" ? "it ends early" : "at " + field;
    }

    public readonly record struct Parsed<T>(T? Value, IResult? Problem)
        where T : class;
}
