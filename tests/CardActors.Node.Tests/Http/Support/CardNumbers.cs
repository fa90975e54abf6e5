using System.Globalization;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>Card numbers for refusal tests: valid ones no node issues (another prefix) and malformed ones.</summary>
public static class CardNumbers
{
    private static long _next = 1_000_000;

    /// <summary>A Luhn-valid 19-digit number under prefix 999999, which no test node issues.</summary>
    public static string NeverIssued()
    {
        var body = "999999" + Interlocked.Increment(ref _next).ToString("D12", CultureInfo.InvariantCulture);
        return body + CheckDigit(body);
    }

    /// <summary>The same number with its last digit changed, so the Luhn check fails.</summary>
    public static string WithWrongCheckDigit(string card) => card[..^1] + (char)('0' + ((card[^1] - '0' + 1) % 10));

    public static char CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? (digit * 2 > 9 ? (digit * 2) - 9 : digit * 2) : digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
