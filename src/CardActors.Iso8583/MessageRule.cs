namespace CardActors.Iso8583;

/// <summary>
/// Presence of fields in one message type, from the table in docs/iso8583.md. The MAC (64/128) and
/// the secondary bitmap (1) are not in these sets: their placement follows from the other fields.
/// </summary>
internal sealed class MessageRule
{
    public MessageRule(int mti, bool macRequired, string presence)
    {
        Mti = mti;
        IsRequest = MessageTypes.IsRequestMti(mti);
        MacRequired = macRequired;
        foreach (var entry in presence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var field = int.Parse(entry.AsSpan(0, entry.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
            var bit = FieldSet.Of(field);
            Allowed |= bit;
            switch (entry[^1])
            {
                case 'M':
                    Mandatory |= bit;
                    Echoed |= bit;
                    break;
                case 'E':
                    Echoed |= bit;
                    break;
                case 'C' or 'O':
                    break;
                default:
                    throw new ArgumentException($"Unknown presence '{entry}'.", nameof(presence));
            }
        }
    }

    public int Mti { get; }

    public bool IsRequest { get; }

    /// <summary>For requests: a MAC must be present (0800 echo is the exception, checked apart).</summary>
    public bool MacRequired { get; }

    /// <summary>M: must be present (before conditional rules refine it).</summary>
    public UInt128 Mandatory { get; }

    /// <summary>M, C, O or E: may be present.</summary>
    public UInt128 Allowed { get; }

    /// <summary>For responses, the fields copied from the request when it has them (M and E).</summary>
    public UInt128 Echoed { get; }
}
