using System.Buffers;
using BenchmarkDotNet.Attributes;
using CardActors.Iso8583;

namespace CardActors.Benchmarks;

/// <summary>
/// The ISO 8583 hot path of one purchase: parse the 0200 request in place, and build the 0210
/// approval with and without its MAC. Allocated bytes should read 0 in every row.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives from benchmark classes.</remarks>
[MemoryDiagnoser]
public class Iso8583CodecBenchmarks : IDisposable
{
    private static readonly AdditionalAmount[] Balances =
    [
        new(AmountAccount.Card, AmountType.LedgerBalance, 156, 7500),
        new(AmountAccount.Card, AmountType.AvailableBalance, 156, 7500),
    ];

    private readonly MacKey _key = new(Enumerable.Range(0, MacKey.Length).Select(i => (byte)i).ToArray());
    private readonly Iso8583Message _request = new();
    private readonly Iso8583Message _parsed = new();
    private readonly Iso8583MessageBuilder _builder = new();
    private readonly byte[] _output = new byte[Iso8583Framing.HeaderLength + Iso8583Framing.MaxMessageLength];
    private ReadOnlySequence<byte> _purchase;
    private bool _disposed;

    [GlobalSetup]
    public void Setup()
    {
        _builder.Reset(MessageType.FinancialRequest)
            .SetDigits(FieldNumber.PrimaryAccountNumber, "6277000000000011")
            .SetNumeric(FieldNumber.ProcessingCode, ProcessingCode.For(TransactionType.Purchase).Value)
            .SetNumeric(FieldNumber.Amount, 2500)
            .SetNumeric(FieldNumber.TransmissionDateTime, 1122093010)
            .SetNumeric(FieldNumber.Stan, 102)
            .SetNumeric(FieldNumber.LocalTime, 173010)
            .SetNumeric(FieldNumber.LocalDate, 1122)
            .SetNumeric(FieldNumber.PosEntryMode, 72)
            .SetNumeric(FieldNumber.AcquirerId, 12345678)
            .SetText(FieldNumber.RetrievalReferenceNumber, "000000000102")
            .SetText(FieldNumber.TerminalId, "TERM0001")
            .SetText(FieldNumber.MerchantId, "MERCHANT0000001")
            .SetNumeric(FieldNumber.Currency, 156);
        var length = _builder.WriteTo(_output, _key);
        _purchase = new ReadOnlySequence<byte>(_output.AsSpan(0, length).ToArray());
        if (!_request.TryParse(_purchase, out var error))
        {
            throw new InvalidOperationException($"The benchmark's 0200 does not parse: {error}");
        }
    }

    [Benchmark(Baseline = true)]
    public bool ParsePurchaseRequest() => _parsed.TryParse(_purchase, out _);

    [Benchmark]
    public int BuildPurchaseResponse() => ApprovePurchase().WriteTo(_output);

    [Benchmark]
    public int BuildPurchaseResponseWithMac() => ApprovePurchase().WriteTo(_output, _key);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        _request.Dispose();
        _parsed.Dispose();
        _builder.Dispose();
    }

    private Iso8583MessageBuilder ApprovePurchase() => _builder
        .BeginResponse(_request)
        .SetText(FieldNumber.ApprovalCode, "A1B2C3"u8)
        .SetResponseCode(0)
        .SetAdditionalAmounts(Balances);
}
