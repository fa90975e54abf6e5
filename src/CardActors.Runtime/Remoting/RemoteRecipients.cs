using System.Text;

namespace CardActors.Runtime.Remoting;

/// <summary>
/// The names other nodes may send to, fixed when the node starts. Looked up by the name's bytes as
/// they arrive (a handful of names: a scan beats hashing, and no string is made per message).
/// </summary>
public sealed class RemoteRecipients
{
    private readonly (byte[] Name, IRemoteRecipient Recipient)[] _entries;

    public RemoteRecipients(IEnumerable<KeyValuePair<string, IRemoteRecipient>> recipients)
    {
        var entries = new List<(byte[], IRemoteRecipient)>();
        foreach (var (name, recipient) in recipients)
        {
            var bytes = TransportFrames.RecipientName(name, nameof(recipients));
            if (entries.Exists(e => e.Item1.AsSpan().SequenceEqual(bytes)))
            {
                throw new ArgumentException($"recipient name '{name}' is registered twice", nameof(recipients));
            }

            entries.Add((bytes, recipient ?? throw new ArgumentNullException(nameof(recipients), $"recipient '{name}' is null")));
        }

        _entries = [.. entries];
    }

    public IEnumerable<string> Names => _entries.Select(e => Encoding.ASCII.GetString(e.Name));

    public IRemoteRecipient? Find(ReadOnlySpan<byte> name)
    {
        foreach (var (candidate, recipient) in _entries)
        {
            if (name.SequenceEqual(candidate))
            {
                return recipient;
            }
        }

        return null;
    }
}
