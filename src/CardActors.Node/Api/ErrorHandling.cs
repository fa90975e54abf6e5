using CardActors.Node.Cards;
using CardActors.Runtime.Ask;
using CardActors.Runtime.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Api;

/// <summary>
/// What escapes an endpoint becomes a problem document: timeouts and an unreachable journal are a
/// retryable 503 (the outcome of a timed-out command is unknown: retry with the same
/// Idempotency-Key), anything else a 500 that is logged; the node keeps serving either way.
/// </summary>
internal sealed class ErrorHandling(ILogger<ErrorHandling> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        IResult result = exception switch
        {
            AskTimeoutException => Problems.Unavailable("no answer in time; the outcome is unknown: retry with the same Idempotency-Key"),
            JournalUnavailableException or CardNumbersUnavailableException => Problems.Unavailable("the journal is unavailable; retry"),
            BadHttpRequestException bad => Results.Problem(title: "Bad request", detail: bad.Message, statusCode: bad.StatusCode, type: "urn:cardactors:problem:bad-request"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => Results.Empty,
            _ => Internal(context, exception),
        };
        if (exception is AskTimeoutException or JournalUnavailableException or CardNumbersUnavailableException)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        await result.ExecuteAsync(context);
        return true;
    }

    private IResult Internal(HttpContext context, Exception exception)
    {
        NodeLog.RequestFailed(log, exception, context.Request.Method, context.Request.Path);
        return Results.Problem(title: "Internal error", detail: "the request failed inside the node; it has been logged",
            statusCode: StatusCodes.Status500InternalServerError, type: "urn:cardactors:problem:internal");
    }
}
