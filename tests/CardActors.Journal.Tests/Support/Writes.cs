using System.Text;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Support;

/// <summary>Builds journal writes the way an entity does, for tests that talk to a store directly.</summary>
internal static class Writes
{
    public static JournalWrite Events(string persistenceId, int shardId, long fromSequenceNr, params byte[][] payloads) =>
        Events(IgnoreCompletion.Instance, persistenceId, shardId, fromSequenceNr, payloads);

    public static JournalWrite Events(IJournalWriteOwner owner, string persistenceId, int shardId, long fromSequenceNr, params byte[][] payloads)
    {
        var write = new JournalWrite(owner);
        write.Begin(persistenceId, shardId, fromSequenceNr);
        foreach (var payload in payloads)
        {
            payload.CopyTo(write.GetSpan(payload.Length));
            write.Advance(payload.Length);
            write.EndEvent();
        }

        return write;
    }

    /// <summary>Events whose payloads name them: <see cref="Payload"/> of each sequence number.</summary>
    public static JournalWrite Numbered(string persistenceId, int shardId, long fromSequenceNr, int count, IJournalWriteOwner? owner = null) =>
        Events(owner ?? IgnoreCompletion.Instance, persistenceId, shardId, fromSequenceNr,
            Enumerable.Range(0, count).Select(i => Payload(persistenceId, fromSequenceNr + i)).ToArray());

    /// <summary>A write with no events that only stores a snapshot, as an entity does after N events.</summary>
    public static JournalWrite Snapshot(string persistenceId, int shardId, long sequenceNr, byte[] payload) =>
        Events(persistenceId, shardId, sequenceNr + 1).WithSnapshot(sequenceNr, payload);

    public static JournalWrite WithSnapshot(this JournalWrite write, long sequenceNr, byte[] payload)
    {
        write.BeginSnapshot(sequenceNr);
        payload.CopyTo(write.GetSpan(payload.Length));
        write.Advance(payload.Length);
        return write;
    }

    public static JournalWrite WithReminder(this JournalWrite write, DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
        {
            write.SetReminder(due);
        }
        else
        {
            write.ClearReminder();
        }

        return write;
    }

    public static byte[] Payload(string persistenceId, long sequenceNr) => Encoding.UTF8.GetBytes($"{persistenceId}#{sequenceNr}");

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<JournalWrite[]> WriteBatchAsync(this IPersistenceStore store, params JournalWrite[] batch)
    {
        await store.WriteAsync(batch, CancellationToken.None);
        return batch;
    }

    private sealed class IgnoreCompletion : IJournalWriteOwner
    {
        public static readonly IgnoreCompletion Instance = new();

        public void OnWriteCompleted(JournalWrite write)
        {
        }
    }
}
