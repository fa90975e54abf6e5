using System.Net;
using System.Text.Json.Nodes;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>What every refusal must be: an RFC 7807 problem document that names the field or rule at fault.</summary>
public static class ProblemAssertions
{
    /// <summary>
    /// The status, application/problem+json, a type, a title, the status repeated in the body and a
    /// detail naming <paramref name="field"/>; a validation problem must also list the field under errors.
    /// </summary>
    public static JsonObject ExpectProblem(this ApiReply reply, HttpStatusCode status, string field)
    {
        reply.ExpectStatusOnly(status);
        if (reply.MediaType != "application/problem+json")
        {
            throw new Xunit.Sdk.XunitException($"{reply.Request}: expected application/problem+json, got {reply.MediaType}: {reply.Text}");
        }

        var problem = reply.Body.AsObject();
        Assert.False(string.IsNullOrWhiteSpace(problem["type"]?.GetValue<string>()), $"no type: {reply.Text}");
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), $"no title: {reply.Text}");
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        var detail = problem["detail"]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"{reply.Request}: the problem has no detail: {reply.Text}");
        Assert.True(detail.Contains(field, StringComparison.Ordinal), $"{reply.Request}: the detail does not name '{field}': {reply.Text}");
        if (problem["errors"] is JsonObject errors)
        {
            Assert.True(errors.ContainsKey(field), $"{reply.Request}: errors do not list '{field}': {reply.Text}");
        }

        return problem;
    }

    /// <summary>A validation problem (400) listing <paramref name="field"/> under errors.</summary>
    public static JsonObject ExpectInvalid(this ApiReply reply, string field)
    {
        var problem = reply.ExpectProblem(HttpStatusCode.BadRequest, field);
        Assert.True(problem["errors"] is JsonObject, $"{reply.Request}: a validation problem must list its errors: {reply.Text}");
        return problem;
    }

    /// <summary>A card decline: the problem carries the ISO response code, the decline reason and the field.</summary>
    public static JsonObject ExpectDecline(this ApiReply reply, HttpStatusCode status, string responseCode, string field)
    {
        var problem = reply.ExpectProblem(status, field);
        Assert.Equal(responseCode, problem["responseCode"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["reason"]?.GetValue<string>()), $"no reason: {reply.Text}");
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        return problem;
    }

    private static void ExpectStatusOnly(this ApiReply reply, HttpStatusCode status)
    {
        if (reply.Status != status)
        {
            throw new Xunit.Sdk.XunitException($"{reply.Request}: expected {(int)status} {status}, got {(int)reply.Status} {reply.Status}: {reply.Text}");
        }
    }
}
