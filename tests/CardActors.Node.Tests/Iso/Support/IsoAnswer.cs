using System.Text;
using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// A message the gateway sent, parsed with the codec's own rules (so an answer that breaks the
/// specification shows up as <see cref="ParseError"/>), with the accessors assertions need.
/// </summary>
internal sealed class IsoAnswer
{
    private readonly Iso8583Message _message = new();

    public IsoAnswer(byte[] body)
    {
        Body = body;
        Parsed = _message.TryParse(body, out var error);
        ParseError = Parsed ? null : error.ToString();
    }

    public byte[] Body { get; }

    public bool Parsed { get; }

    public string? ParseError { get; }

    public int Mti => _message.Mti;

    /// <summary>Field 39 as a number, or -1 when absent.</summary>
    public int Code => _message.TryGetResponseCode(out var code) ? code : -1;

    public string? TerminalId => Has(FieldNumber.TerminalId) ? Encoding.ASCII.GetString(_message.GetText(FieldNumber.TerminalId)) : null;

    public int? Stan => Has(FieldNumber.Stan) ? (int)_message.GetNumeric(FieldNumber.Stan) : null;

    public string? ApprovalCode => Has(FieldNumber.ApprovalCode) ? Encoding.ASCII.GetString(_message.GetText(FieldNumber.ApprovalCode)) : null;

    public bool HasMac => _message.MacField != 0;

    public UInt128 Fields => _message.Fields;

    public bool Has(int field) => _message.Has(field);

    public byte[] Raw(int field) => _message.GetRaw(field).ToArray();

    public bool MacVerifies(MacKey key) => Iso8583Mac.Verify(_message, key);

    /// <summary>The blocks of field 54.</summary>
    public IReadOnlyList<AdditionalAmount> Amounts
    {
        get
        {
            var amounts = new List<AdditionalAmount>();
            foreach (var amount in _message.GetAdditionalAmounts())
            {
                amounts.Add(amount);
            }

            return amounts;
        }
    }

    /// <summary>The amount of the first field 54 block of this account and type, or null.</summary>
    public long? Balance(AmountAccount account, AmountType type) =>
        Amounts.Where(a => a.Account == account && a.Type == type).Select(a => (long?)a.Amount).FirstOrDefault();

    public long? Available => Balance(AmountAccount.Card, AmountType.AvailableBalance);

    public long? Ledger => Balance(AmountAccount.Card, AmountType.LedgerBalance);

    /// <summary>What a retransmission must repeat: 39, 38 and 54.</summary>
    public (int Code, string? Approval, string? Amounts) Outcome =>
        (Code, ApprovalCode, Has(FieldNumber.AdditionalAmounts) ? Encoding.ASCII.GetString(_message.GetText(FieldNumber.AdditionalAmounts)) : null);

    public override string ToString() =>
        Parsed ? $"{Mti:D4} 39={Code:D2} 38={ApprovalCode ?? "-"} 41={TerminalId} 11={Stan} MAC={(HasMac ? "yes" : "no")}"
            : $"unparsable answer ({ParseError}): {Convert.ToHexString(Body)}";
}
