using System.Diagnostics.Metrics;

namespace CardActors.Node.Metrics;

/// <summary>
/// The series of one instrument, found from a measurement's tags without building anything: the
/// tags are hashed and compared in place against the combinations seen before, so a measurement
/// allocates nothing once its combination exists. Only a new combination takes the lock and makes
/// its label text. Combinations are few (an MTI and a response code, say), so a copy-on-write
/// array scanned by hash is enough.
/// </summary>
internal sealed class InstrumentSeries(Instrument instrument, Func<Instrument, string, MetricSeries> create)
{
    private readonly Lock _adding = new();
    private Entry[] _entries = [];

    public MetricSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = HashOf(tags);
        return Lookup(Volatile.Read(ref _entries), hash, tags) ?? Add(hash, tags);
    }

    private MetricSeries Add(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_adding)
        {
            // Another thread may have added the combination since this one looked.
            if (Lookup(_entries, hash, tags) is { } added)
            {
                return added;
            }

            var series = create(instrument, PrometheusExporter.Labels(tags));
            Volatile.Write(ref _entries, [.. _entries, new Entry(hash, tags.ToArray(), series)]);
            return series;
        }
    }

    private static MetricSeries? Lookup(Entry[] entries, int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var entry in entries)
        {
            if (entry.Hash == hash && SameTags(entry.Tags, tags))
            {
                return entry.Series;
            }
        }

        return null;
    }

    private static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = new HashCode();
        foreach (var (key, value) in tags)
        {
            hash.Add(key);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    // The same names and values in the same order. A caller that orders its tags differently from
    // one call to the next gets a second entry for the same series (the exporter's table is keyed
    // by the label text), never a second series.
    private static bool SameTags(KeyValuePair<string, object?>[] known, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (known.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(known[i].Key, tags[i].Key, StringComparison.Ordinal) || !Equals(known[i].Value, tags[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Entry(int Hash, KeyValuePair<string, object?>[] Tags, MetricSeries Series);
}
