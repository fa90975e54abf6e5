using System.Globalization;
using CardActors.Domain;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;

namespace CardActors.Node.Api;

/// <summary>Turns request values into domain values, collecting every problem under its field's name.</summary>
internal sealed class FieldReader
{
    private readonly List<FieldError> _errors = [];

    public bool Failed => _errors.Count > 0;

    public IResult Problem => Problems.Invalid(_errors);

    public void Add(string field, string rule) => _errors.Add(new FieldError(field, rule));

    public CardNumber Card(string? text, string field = "card")
    {
        if (CardNumber.TryParse(text ?? "", out var card, out var error))
        {
            return card;
        }

        _errors.Add(error with { Field = field });
        return default;
    }

    /// <summary>
    /// An amount in minor units: a required one (a payment, a load, a refund) must be positive, an
    /// optional one (an initial load) may be zero. Checked here, so a malformed request never
    /// reaches the card and leaves nothing in its journal.
    /// </summary>
    public Money Amount(long? value, Currency currency, string field = "amount", bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "is required (a positive integer number of minor units)");
            }

            return new Money(0, currency);
        }

        if (value < 0 || (required && value == 0))
        {
            Add(field, required ? "must be positive (an integer number of minor units)" : "must not be negative (an integer number of minor units)");
            return new Money(0, currency);
        }

        return new Money(value.Value, currency);
    }

    /// <summary>An integer query parameter from <paramref name="min"/> to <paramref name="max"/>; null when it is absent.</summary>
    public long? QueryNumber(string? text, string field, long min, long max, string rule)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Add(field, rule);
        return null;
    }

    public MerchantId Merchant(string? text, string field = "merchantId")
    {
        if (text is null)
        {
            Add(field, "is required");
            return default;
        }

        if (MerchantId.TryParse(text, out var id, out var error))
        {
            return id;
        }

        _errors.Add(error with { Field = field });
        return default;
    }

    public TerminalId Terminal(string? text, string field = "terminalId")
    {
        if (text is null)
        {
            Add(field, "is required");
            return default;
        }

        if (TerminalId.TryParse(text, out var id, out var error))
        {
            return id;
        }

        _errors.Add(error with { Field = field });
        return default;
    }

    public TransactionId Transaction(string? text, string field)
    {
        if (text is null)
        {
            Add(field, "is required");
            return default;
        }

        if (TransactionId.TryParse(text, out var id, out var error))
        {
            return id;
        }

        _errors.Add(error with { Field = field });
        return default;
    }

    public ProductId Product(long? value, string field = "product")
    {
        if (value is null or <= 0 or > uint.MaxValue)
        {
            Add(field, value is null ? "is required" : "must be a product number from 1 to 4294967295");
            return default;
        }

        return new ProductId((uint)value.Value);
    }

    public MerchantCategory Category(int? value, string field = "category")
    {
        if (value is null)
        {
            Add(field, "is required (a four-digit merchant category code)");
            return default;
        }

        if (MerchantCategory.TryCreate(value.Value, out var category, out var error))
        {
            return category;
        }

        _errors.Add(error with { Field = field });
        return default;
    }

    public uint Number(long? value, string field, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "is required");
            }

            return 0;
        }

        if (value is < 0 or > uint.MaxValue)
        {
            Add(field, "must be from 0 to 4294967295");
            return 0;
        }

        return (uint)value.Value;
    }

    public SettlementCycle Cycle(string? period, int? feeRateBasisPoints, string field = "settlementCycle")
    {
        SettlementPeriod? parsed = period switch
        {
            "daily" => SettlementPeriod.Daily,
            "weekly" => SettlementPeriod.Weekly,
            "monthly" => SettlementPeriod.Monthly,
            _ => null,
        };
        if (parsed is null)
        {
            Add(field, "must be daily, weekly or monthly");
            return default;
        }

        var cycle = SettlementCycle.DefaultFor(parsed.Value);
        if (feeRateBasisPoints is { } fee)
        {
            if (fee is < 0 or > 10_000)
            {
                Add("feeRateBasisPoints", "must be from 0 to 10000");
            }

            cycle = cycle with { FeeRate = new BasisPoints(fee) };
        }

        return cycle;
    }

    /// <summary>The client's Idempotency-Key header, or one of the server's when absent (then no retry is recognized).</summary>
    public IdempotencyKey Key(HttpRequest request, TransactionId transactionId)
    {
        var header = request.Headers["Idempotency-Key"];
        if (header.Count == 0)
        {
            return IdempotencyKey.FromClientKey("server:" + transactionId);
        }

        if (IdempotencyKey.TryFromClientKey(header[0], out var key, out var error))
        {
            return key;
        }

        _errors.Add(error with { Field = "Idempotency-Key" });
        return default;
    }
}
