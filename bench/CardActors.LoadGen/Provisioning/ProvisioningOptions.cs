using System.Globalization;

namespace CardActors.LoadGen.Provisioning;

/// <summary>What to create on the node before a run, through its HTTP administration API.</summary>
public sealed record ProvisioningOptions
{
    public const int MaxCardsPerCall = 10_000;

    /// <summary>The node's HTTP base address.</summary>
    public Uri Node { get; init; } = new("http://127.0.0.1:8080");

    /// <summary>The card product's number (digits).</summary>
    public string ProductId { get; init; } = "9001";

    public string ProductName { get; init; } = "Load test card";

    /// <summary><c>anonymous</c> or <c>realName</c>.</summary>
    public string Identity { get; init; } = "realName";

    /// <summary>In fen; 500,000 is the 5,000-yuan real-name cap.</summary>
    public long BalanceCap { get; init; } = 500_000;

    /// <summary>Customer money loaded onto every card when it is issued, in fen.</summary>
    public long InitialLoad { get; init; } = 100_000;

    public int Cards { get; init; } = 100_000;

    public int Merchants { get; init; } = 1_000;

    public int TerminalsPerMerchant { get; init; } = 2;

    /// <summary>Merchant ids are this prefix followed by the merchant's number, zero-filled to 15 characters.</summary>
    public string MerchantIdPrefix { get; init; } = "LOADM";

    /// <summary>Terminal ids are this prefix followed by the terminal's number, zero-filled to 8 characters.</summary>
    public string TerminalIdPrefix { get; init; } = "LT";

    /// <summary>The merchants' category code (5812: eating places, a canteen).</summary>
    public string Category { get; init; } = "5812";

    /// <summary>The merchants' account manager's number (digits).</summary>
    public string AccountManager { get; init; } = "1";

    /// <summary>HTTP calls in flight at once.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>How long to wait for the node's /readyz to answer 200.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string MerchantId(int merchant) => Number(MerchantIdPrefix, merchant + 1, 15);

    /// <summary>The id of a terminal, numbered across all merchants.</summary>
    public string TerminalId(int terminal) => Number(TerminalIdPrefix, terminal + 1, 8);

    public void Validate()
    {
        Require(Node.IsAbsoluteUri && Node.Scheme is "http" or "https", $"The node address must be an absolute http(s) URL, not {Node}.");
        Require(ProductId.Length is >= 1 and <= 9 && ProductId.All(char.IsAsciiDigit) && ProductId.Trim('0').Length > 0, $"The product id is a positive number of at most 9 digits, not '{ProductId}'.");
        Require(AccountManager.Length is >= 1 and <= 9 && AccountManager.All(char.IsAsciiDigit), $"The account manager is a number of at most 9 digits, not '{AccountManager}'.");
        Require(Identity is "anonymous" or "realName", $"The identity must be anonymous or realName, not {Identity}.");
        Require(BalanceCap > 0, $"The balance cap must be positive, not {BalanceCap}.");
        Require(InitialLoad >= 0 && InitialLoad <= BalanceCap, $"The initial load must lie between 0 and the balance cap {BalanceCap}, not {InitialLoad}.");
        Require(Cards >= 1, $"At least one card is needed, not {Cards}.");
        Require(Merchants >= 1, $"At least one merchant is needed, not {Merchants}.");
        Require(TerminalsPerMerchant >= 1, $"Every merchant needs at least one terminal, not {TerminalsPerMerchant}.");
        Require(Digits(Merchants) <= 15 - MerchantIdPrefix.Length, $"Merchant prefix '{MerchantIdPrefix}' leaves too few digits for {Merchants} merchants.");
        Require(Digits((long)Merchants * TerminalsPerMerchant) <= 8 - TerminalIdPrefix.Length,
            $"Terminal prefix '{TerminalIdPrefix}' leaves too few digits for {(long)Merchants * TerminalsPerMerchant} terminals.");
        Require(MerchantIdPrefix.All(char.IsAsciiLetterOrDigit) && TerminalIdPrefix.All(char.IsAsciiLetterOrDigit), "Id prefixes take letters and digits only.");
        Require(Category.Length == 4 && Category.All(char.IsAsciiDigit), $"A merchant category code has 4 digits, not '{Category}'.");
        Require(Parallelism is >= 1 and <= 256, $"Between 1 and 256 parallel calls are supported, not {Parallelism}.");
        Require(ReadyTimeout >= TimeSpan.Zero, $"The ready timeout cannot be negative ({ReadyTimeout}).");
    }

    private static string Number(string prefix, long number, int width) =>
        prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(width - prefix.Length, '0');

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
