using CardActors.Domain;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;

namespace CardActors.Node.Api;

/// <summary>
/// RFC 7807 problem documents for every refusal. The type is a stable URN per kind of problem; the
/// detail names the field or rule; card declines also carry the ISO response code.
/// </summary>
internal static class Problems
{
    public static IResult Invalid(string field, string message) =>
        Invalid([new FieldError(field, message)]);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Rule).ToArray()),
        detail: string.Join("; ", errors.Select(e => e.ToString())),
        title: "The request is not valid",
        type: "urn:cardactors:problem:validation");

    public static IResult UnsupportedMediaType(string? sent) => Results.Problem(
        title: "The body must be JSON",
        detail: "Content-Type: must be application/json" + (string.IsNullOrEmpty(sent) ? " (none was sent)" : " (got " + sent + ")"),
        statusCode: StatusCodes.Status415UnsupportedMediaType, type: "urn:cardactors:problem:media-type", extensions: Field("Content-Type"));

    public static IResult NotFound(string field, string what) => Results.Problem(
        title: "Not found", detail: $"{field}: {what}", statusCode: StatusCodes.Status404NotFound,
        type: "urn:cardactors:problem:not-found", extensions: Field(field));

    public static IResult Conflict(string field, string what) => Results.Problem(
        title: "Conflict", detail: $"{field}: {what}", statusCode: StatusCodes.Status409Conflict,
        type: "urn:cardactors:problem:conflict", extensions: Field(field));

    public static IResult Refused(string field, string what) => Results.Problem(
        title: "Refused", detail: $"{field}: {what}", statusCode: StatusCodes.Status422UnprocessableEntity,
        type: "urn:cardactors:problem:refused", extensions: Field(field));

    public static IResult Unavailable(string detail) => Results.Problem(
        title: "Temporarily unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable,
        type: "urn:cardactors:problem:unavailable");

    /// <summary>
    /// A card command that was not approved, mapped by the rule that refused it. The card names the
    /// amount of its command "amount"; <paramref name="amountField"/> names it as the request did
    /// (an issue's "initialLoad").
    /// </summary>
    public static IResult Declined(in CardReply reply, string amountField = "amount")
    {
        var detail = reply.Detail.Length > 0 ? reply.Detail : reply.Code.Meaning();
        if (amountField != "amount" && detail.StartsWith("amount:", StringComparison.Ordinal))
        {
            detail = amountField + detail["amount".Length..];
        }

        var status = StatusOf(reply);
        return Results.Problem(
            title: "Declined: " + reply.Code.Meaning(),
            detail: detail,
            statusCode: status,
            type: "urn:cardactors:problem:declined:" + reply.Code.ToText(),
            extensions: new Dictionary<string, object?>
            {
                ["responseCode"] = reply.Code.ToText(),
                ["reason"] = reply.Reason.ToString(),
                ["field"] = FieldOf(detail),
                ["transactionId"] = reply.TransactionId.IsNone ? null : reply.TransactionId.ToString(),
            });
    }

    private static int StatusOf(in CardReply reply) => reply.Code switch
    {
        ResponseCode.IssuerUnavailable => StatusCodes.Status503ServiceUnavailable,
        ResponseCode.SystemMalfunction => StatusCodes.Status500InternalServerError,
        ResponseCode.InvalidCardNumber when reply.Reason == DeclineReason.CardNotIssued => StatusCodes.Status404NotFound,
        ResponseCode.DuplicateTransmission => StatusCodes.Status409Conflict,
        ResponseCode.InvalidAmount or ResponseCode.FormatError => StatusCodes.Status400BadRequest,
        ResponseCode.InvalidTransaction when reply.Reason is DeclineReason.TransactionIdMissing or DeclineReason.IdempotencyKeyMissing
            => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string FieldOf(string detail)
    {
        var colon = detail.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? detail[..colon] : "card";
    }

    private static Dictionary<string, object?> Field(string field) => new() { ["field"] = field };
}
