namespace CardActors.Iso8583;

/// <summary>
/// The field specification: the one place that says each field's format, length kind and
/// maximum length. Fields not listed here are undefined and rejected when a bitmap announces them.
/// </summary>
public static class FieldSpecs
{
    private static readonly FieldSpec[] Table = Build();

    /// <summary>The specification of <paramref name="field"/> (1–128); undefined fields have <see cref="FieldFormat.Undefined"/>.</summary>
    public static ref readonly FieldSpec Get(int field)
    {
        if ((uint)field > FieldNumber.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "ISO 8583 fields are numbered 1 to 128.");
        }

        return ref Table[field];
    }

    public static bool IsDefined(int field) => (uint)field <= FieldNumber.Max && Table[field].IsDefined;

    /// <summary>Every defined field in ascending order.</summary>
    public static IEnumerable<FieldSpec> All
    {
        get
        {
            foreach (var spec in Table)
            {
                if (spec.IsDefined)
                {
                    yield return spec;
                }
            }
        }
    }

    private static FieldSpec[] Build()
    {
        var table = new FieldSpec[FieldNumber.Max + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = new FieldSpec(i, "undefined", FieldFormat.Undefined, FieldLengthKind.Fixed, 0);
        }

        void Define(int number, string name, FieldFormat format, FieldLengthKind kind, int max) =>
            table[number] = new FieldSpec(number, name, format, kind, max);

        const FieldFormat n = FieldFormat.Numeric;
        const FieldFormat an = FieldFormat.AlphaNumeric;
        const FieldFormat ans = FieldFormat.AlphaNumericSpecial;
        const FieldFormat b = FieldFormat.Binary;
        const FieldLengthKind fix = FieldLengthKind.Fixed;
        const FieldLengthKind ll = FieldLengthKind.LlVar;
        const FieldLengthKind lll = FieldLengthKind.LllVar;

        Define(FieldNumber.PrimaryAccountNumber, "primary account number", n, ll, 19);
        Define(FieldNumber.ProcessingCode, "processing code", n, fix, 6);
        Define(FieldNumber.Amount, "amount, transaction", n, fix, 12);
        Define(FieldNumber.TransmissionDateTime, "transmission date and time", n, fix, 10);
        Define(FieldNumber.Stan, "system trace audit number", n, fix, 6);
        Define(FieldNumber.LocalTime, "time, local transaction", n, fix, 6);
        Define(FieldNumber.LocalDate, "date, local transaction", n, fix, 4);
        Define(FieldNumber.SettlementDate, "date, settlement", n, fix, 4);
        Define(FieldNumber.PosEntryMode, "POS entry mode", n, fix, 3);
        Define(FieldNumber.AcquirerId, "acquiring institution id", n, ll, 11);
        Define(FieldNumber.ForwardingId, "forwarding institution id", n, ll, 11);
        Define(FieldNumber.RetrievalReferenceNumber, "retrieval reference number", an, fix, 12);
        Define(FieldNumber.ApprovalCode, "approval code", an, fix, 6);
        Define(FieldNumber.ResponseCode, "response code", an, fix, 2);
        Define(FieldNumber.TerminalId, "card acceptor terminal id", ans, fix, 8);
        Define(FieldNumber.MerchantId, "card acceptor id (merchant)", ans, fix, 15);
        Define(FieldNumber.AdditionalData, "additional data, private", ans, lll, 999);
        Define(FieldNumber.Currency, "currency code, transaction", n, fix, 3);
        Define(FieldNumber.AdditionalAmounts, "additional amounts", an, lll, 120);
        Define(FieldNumber.Mac, "message authentication code", b, fix, 8);
        Define(FieldNumber.NetworkManagementCode, "network management information code", n, fix, 3);
        Define(FieldNumber.CreditsCount, "credits, number", n, fix, 10);
        Define(FieldNumber.CreditReversalsCount, "credits, reversal number", n, fix, 10);
        Define(FieldNumber.DebitsCount, "debits, number", n, fix, 10);
        Define(FieldNumber.DebitReversalsCount, "debits, reversal number", n, fix, 10);
        Define(FieldNumber.CreditsAmount, "credits, amount", n, fix, 16);
        Define(FieldNumber.CreditReversalsAmount, "credits, reversal amount", n, fix, 16);
        Define(FieldNumber.DebitsAmount, "debits, amount", n, fix, 16);
        Define(FieldNumber.DebitReversalsAmount, "debits, reversal amount", n, fix, 16);
        Define(FieldNumber.OriginalData, "original data elements", n, fix, 42);
        Define(FieldNumber.SecondaryMac, "message authentication code", b, fix, 8);
        return table;
    }
}
