namespace CardActors.Node.Tests.Http.Support;

/// <summary>Money in and out over all cards, and how many approvals of each kind the script received.</summary>
internal sealed class Ledger
{
    private readonly Dictionary<string, int> _approved = [];

    public void Count(string kind) => _approved[kind] = Approved(kind) + 1;

    public int Approved(string kind) => _approved.GetValueOrDefault(kind);

    public long Loads { get; set; }

    public long Captured { get; set; }

    public long Returned { get; set; }

    public long Redeemed { get; set; }

    public long Expected => Loads - Captured + Returned - Redeemed;
}

/// <summary>A completed sale and what of it may still be refunded.</summary>
internal sealed class Sale(Shop shop, long amount)
{
    public Shop Shop { get; } = shop;

    public long Refundable { get; set; } = amount;
}

/// <summary>A card as the script expects it: its balance, open holds and sales.</summary>
internal sealed class ModelCard(string number)
{
    public string Number { get; } = number;

    public long Main { get; set; }

    public Dictionary<string, (Shop Shop, long Amount)> Holds { get; } = [];

    public Dictionary<string, Sale> Sales { get; } = [];
}
