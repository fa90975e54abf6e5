using System.Diagnostics.Metrics;
using CardActors.Domain.Codes;

namespace CardActors.Node.Gateway;

/// <summary>The ISO 8583 gateway's instruments (exported at /metrics).</summary>
internal static class GatewayMetrics
{
    public static readonly Meter Meter = new("CardActors.Gateway");

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("cardactors.iso.answers", "{message}", "ISO 8583 requests answered, by MTI and response code");

    public static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("cardactors.iso.latency", "s", "From the request's frame read to its answer written");

    public static readonly Histogram<double> DecisionLatency = Meter.CreateHistogram<double>("cardactors.iso.decision_latency", "s", "From a card request's ask to the card's answer (the card's queue, its turn and the journal's commit)");

    public static readonly Histogram<double> AnswerLatency = Meter.CreateHistogram<double>("cardactors.iso.answer_latency", "s", "From the card's answer to the response written to its connection");

    public static readonly Counter<long> FramingErrors = Meter.CreateCounter<long>("cardactors.iso.framing_errors", "{connection}", "Connections closed because framing broke");

    public static readonly Counter<long> AdviceExceptions = Meter.CreateCounter<long>("cardactors.iso.advice_exceptions", "{message}", "Advices recorded but not applicable (kept for reconciliation)");

    public static readonly Counter<long> Shed = Meter.CreateCounter<long>("cardactors.iso.shed", "{message}", "Card requests answered 91 without being decided while the node was overloaded");

    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("cardactors.iso.connections", "{connection}", "Open POS connections");

    private static readonly string[] Codes = Enumerable.Range(0, 100).Select(c => c.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] Mtis = Enumerable.Range(0, 1000).Select(c => c.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static void Answered(int mti, ResponseCode code, TimeSpan latency)
    {
        Requests.Add(1, new KeyValuePair<string, object?>("mti", (uint)mti < Mtis.Length ? Mtis[mti] : "other"), new KeyValuePair<string, object?>("code", Codes[(int)code % 100]));
        Latency.Record(latency.TotalSeconds);
    }
}
