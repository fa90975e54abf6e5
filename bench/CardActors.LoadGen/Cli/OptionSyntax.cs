using System.Globalization;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Cli;

/// <summary>
/// The value syntaxes of the command line that are more than a number: durations, the operation
/// mix, amount distributions and the target address. Each parser returns an error sentence
/// (without the option's name, which the caller prefixes) instead of throwing.
/// </summary>
public static class OptionSyntax
{
    /// <summary>The mix's operation names, in <see cref="OperationKind"/> order.</summary>
    public static IReadOnlyList<string> OperationNames { get; } = ["auth", "completion", "purchase", "topup", "refund", "reversal", "balance"];

    /// <summary>Seconds as a bare number, or a number with ms, s, m or h: 60, 1.5s, 500ms, 2m.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration, out string? error)
    {
        duration = default;
        var trimmed = text.Trim();
        var (number, unit) = trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (trimmed[..^2], 1e-3)
            : trimmed.EndsWith('s') || trimmed.EndsWith('S') ? (trimmed[..^1], 1.0)
            : trimmed.EndsWith('m') || trimmed.EndsWith('M') ? (trimmed[..^1], 60.0)
            : trimmed.EndsWith('h') || trimmed.EndsWith('H') ? (trimmed[..^1], 3600.0)
            : (trimmed, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0 || value * unit > 7 * 86400)
        {
            error = $"'{text}' is not a duration (seconds, or a number with ms, s, m or h: 60, 1.5s, 500ms, 2m)";
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(value * unit * TimeSpan.TicksPerSecond));
        error = null;
        return true;
    }

    /// <summary>Integer weights by operation name: <c>auth=40,completion=35,purchase=15</c>; names left out weigh 0.</summary>
    public static bool TryParseMix(string text, out OperationMix mix, out string? error)
    {
        mix = OperationMix.Default;
        var weights = new int[OperationKinds.Count];
        var seen = new bool[OperationKinds.Count];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim();
            var kind = IndexOfName(name);
            if (kind < 0)
            {
                error = $"unknown operation '{name}' (the operations are {string.Join(", ", OperationNames)})";
                return false;
            }

            if (equals < 0 || !int.TryParse(part[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                error = $"'{part}' is not name=weight with a whole, non-negative weight";
                return false;
            }

            if (seen[kind])
            {
                error = $"'{name}' is given twice";
                return false;
            }

            seen[kind] = true;
            weights[kind] = weight;
        }

        mix = new OperationMix
        {
            Authorize = weights[(int)OperationKind.Authorize],
            Complete = weights[(int)OperationKind.Complete],
            Purchase = weights[(int)OperationKind.Purchase],
            TopUp = weights[(int)OperationKind.TopUp],
            Refund = weights[(int)OperationKind.Refund],
            Reverse = weights[(int)OperationKind.Reverse],
            BalanceInquiry = weights[(int)OperationKind.BalanceInquiry],
        };
        try
        {
            mix.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message.Replace("Authorize", "auth", StringComparison.Ordinal).Replace("Purchase", "purchase", StringComparison.Ordinal);
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The mix in the syntax <see cref="TryParseMix"/> reads.</summary>
    public static string FormatMix(OperationMix mix)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return string.Join(',', OperationKinds.All.Select(k => FormattableString.Invariant($"{OperationNames[(int)k]}={mix.WeightOf(k)}")));
    }

    /// <summary>Amounts in fen: <c>2500</c> (fixed), <c>800-20000</c> (uniform), or <c>800:30,1200:30,5000:10</c> (amount:weight).</summary>
    public static bool TryParseAmounts(string text, out AmountDistribution amounts, out string? error)
    {
        amounts = AmountDistribution.DefaultSpending;
        error = $"'{text}' is not an amount in fen (2500), a range (800-20000) or weighted amounts (800:30,1200:30)";
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            var values = new List<WeightedAmount>();
            foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var pieces = part.Split(':', StringSplitOptions.TrimEntries);
                if (pieces.Length != 2 || !TryAmount(pieces[0], out var amount) ||
                    !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                {
                    return false;
                }

                values.Add(new WeightedAmount(amount, weight));
            }

            amounts = AmountDistribution.Weighted([.. values]);
        }
        else if (trimmed.IndexOf('-', 1) is var dash and > 0)
        {
            if (!TryAmount(trimmed[..dash], out var minimum) || !TryAmount(trimmed[(dash + 1)..], out var maximum))
            {
                return false;
            }

            amounts = AmountDistribution.Uniform(minimum, maximum);
        }
        else if (TryAmount(trimmed, out var fixedAmount))
        {
            amounts = AmountDistribution.Fixed(fixedAmount);
        }
        else
        {
            return false;
        }

        try
        {
            amounts.Validate("amounts");
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The gateway's address: <c>iso://host:port</c>, or <c>host:port</c>.</summary>
    public static bool TryParseTarget(string text, out string host, out int port, out string? error)
    {
        host = "";
        port = 0;
        var value = text.Trim();
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "iso://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("iso" or "iso8583") ||
            uri.IsDefaultPort || uri.Port <= 0 || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/"))
        {
            error = $"'{text}' is not a gateway address such as iso://127.0.0.1:8583";
            return false;
        }

        host = uri.Host.Trim('[', ']');
        port = uri.Port;
        error = null;
        return true;
    }

    private static int IndexOfName(string name)
    {
        for (var i = 0; i < OperationNames.Count; i++)
        {
            if (string.Equals(OperationNames[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryAmount(string text, out long amount) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount > 0;
}
