using System.Globalization;
using CardActors.Iso8583;
using CardActors.LoadGen.Estate;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>Small estates with seeded MAC keys, and the key ring a fake gateway checks them with.</summary>
internal static class TestEstates
{
    public static (LoadEstate Estate, TerminalKeyRing Keys) Create(int merchants, int terminalsPerMerchant, int cards, int seed = 7)
    {
        var random = new Random(seed);
        var keys = new TerminalKeyRing();
        var list = new List<EstateMerchant>();
        for (var m = 0; m < merchants; m++)
        {
            var terminals = new List<EstateTerminal>();
            for (var t = 0; t < terminalsPerMerchant; t++)
            {
                var key = new byte[MacKey.Length];
                random.NextBytes(key);
                var id = "T" + ((m * terminalsPerMerchant) + t + 1).ToString("D7", CultureInfo.InvariantCulture);
                keys.Install(System.Text.Encoding.ASCII.GetBytes(id), new MacKey(key));
                terminals.Add(new EstateTerminal(id, Convert.ToHexString(key)));
            }

            list.Add(new EstateMerchant("MERCHANT" + (m + 1).ToString("D7", CultureInfo.InvariantCulture), terminals));
        }

        var estate = new LoadEstate
        {
            Node = "http://127.0.0.1:1/",
            Product = "9001",
            ProvisionedAt = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
            Cards = [.. Enumerable.Range(0, cards).Select(Pan)],
            Merchants = list,
        };
        return (estate, keys);
    }

    /// <summary>A 16-digit card number with a valid Luhn check digit.</summary>
    public static string Pan(int index)
    {
        var body = "623000" + index.ToString("D9", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return body + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
