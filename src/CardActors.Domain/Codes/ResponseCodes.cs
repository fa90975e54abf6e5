namespace CardActors.Domain.Codes;

/// <summary>Helpers over <see cref="ResponseCode"/> that allocate nothing.</summary>
public static class ResponseCodes
{
    // Two ASCII digits per code number 0..99: "00", "01", … "99".
    private static ReadOnlySpan<byte> Digits =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    public static bool IsApproved(this ResponseCode code) => code == ResponseCode.Approved;

    /// <summary>True when the same request may succeed if sent again later unchanged.</summary>
    public static bool IsRetryable(this ResponseCode code) =>
        code is ResponseCode.IssuerUnavailable or ResponseCode.SystemMalfunction;

    public static bool IsDefined(ResponseCode code) => code switch
    {
        ResponseCode.Approved or ResponseCode.DoNotHonor or ResponseCode.InvalidTransaction
            or ResponseCode.InvalidAmount or ResponseCode.InvalidCardNumber or ResponseCode.FormatError
            or ResponseCode.LostCard or ResponseCode.InsufficientFunds or ResponseCode.ExpiredCard
            or ResponseCode.NotPermittedToCardholder or ResponseCode.ExceedsAmountLimit
            or ResponseCode.RestrictedCard or ResponseCode.ExceedsFrequencyLimit
            or ResponseCode.IssuerUnavailable or ResponseCode.DuplicateTransmission
            or ResponseCode.SystemMalfunction => true,
        _ => false,
    };

    /// <summary>The two ASCII digits of the code, as a view of static data.</summary>
    public static ReadOnlySpan<byte> ToAscii(this ResponseCode code)
    {
        var number = (int)code;
        if (number > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(code), "responseCode: must be 00 to 99");
        }
        return Digits.Slice(number * 2, 2);
    }

    /// <summary>Writes the two ASCII digits of the code.</summary>
    public static void WriteAscii(this ResponseCode code, Span<byte> destination) => code.ToAscii().CopyTo(destination);

    /// <summary>Parses two ASCII digits into a code this system defines.</summary>
    public static bool TryParseAscii(ReadOnlySpan<byte> ascii, out ResponseCode code)
    {
        code = default;
        if (ascii.Length != 2 || ascii[0] is < (byte)'0' or > (byte)'9' || ascii[1] is < (byte)'0' or > (byte)'9')
        {
            return false;
        }
        var candidate = (ResponseCode)(((ascii[0] - '0') * 10) + (ascii[1] - '0'));
        if (!IsDefined(candidate))
        {
            return false;
        }
        code = candidate;
        return true;
    }

    /// <summary>The two-digit text; the strings are interned literals, so this does not allocate.</summary>
    public static string ToText(this ResponseCode code) => code switch
    {
        ResponseCode.Approved => "00",
        ResponseCode.DoNotHonor => "05",
        ResponseCode.InvalidTransaction => "12",
        ResponseCode.InvalidAmount => "13",
        ResponseCode.InvalidCardNumber => "14",
        ResponseCode.FormatError => "30",
        ResponseCode.LostCard => "41",
        ResponseCode.InsufficientFunds => "51",
        ResponseCode.ExpiredCard => "54",
        ResponseCode.NotPermittedToCardholder => "57",
        ResponseCode.ExceedsAmountLimit => "61",
        ResponseCode.RestrictedCard => "62",
        ResponseCode.ExceedsFrequencyLimit => "65",
        ResponseCode.IssuerUnavailable => "91",
        ResponseCode.DuplicateTransmission => "94",
        ResponseCode.SystemMalfunction => "96",
        _ => throw new ArgumentOutOfRangeException(nameof(code), "responseCode: not defined by this system"),
    };

    /// <summary>What the code means, in a few words (for problem titles and logs).</summary>
    public static string Meaning(this ResponseCode code) => code switch
    {
        ResponseCode.Approved => "approved",
        ResponseCode.DoNotHonor => "do not honor",
        ResponseCode.InvalidTransaction => "invalid transaction",
        ResponseCode.InvalidAmount => "invalid amount",
        ResponseCode.InvalidCardNumber => "invalid card number",
        ResponseCode.FormatError => "format error",
        ResponseCode.LostCard => "lost card",
        ResponseCode.InsufficientFunds => "insufficient funds",
        ResponseCode.ExpiredCard => "expired card",
        ResponseCode.NotPermittedToCardholder => "not permitted to cardholder",
        ResponseCode.ExceedsAmountLimit => "exceeds amount limit",
        ResponseCode.RestrictedCard => "restricted card",
        ResponseCode.ExceedsFrequencyLimit => "exceeds frequency limit",
        ResponseCode.IssuerUnavailable => "issuer unavailable, retry",
        ResponseCode.DuplicateTransmission => "duplicate transmission",
        ResponseCode.SystemMalfunction => "system malfunction",
        _ => throw new ArgumentOutOfRangeException(nameof(code), "responseCode: not defined by this system"),
    };
}
