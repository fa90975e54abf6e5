using System.Collections.Concurrent;

namespace CardActors.Node.Gateway;

/// <summary>
/// Which terminals are signed on. Sign-on belongs to the terminal (acquirer id + terminal id), not
/// to a TCP connection. Held in memory: after a node restart terminals are answered 12 and sign on
/// again, as the specification tells them to.
/// </summary>
internal sealed class TerminalSessions
{
    private readonly ConcurrentDictionary<(long Acquirer, ulong Terminal), byte> _signedOn = new();

    public int Count => _signedOn.Count;

    public bool IsSignedOn(long acquirer, ulong terminal) => _signedOn.ContainsKey((acquirer, terminal));

    public void SignOn(long acquirer, ulong terminal) => _signedOn[(acquirer, terminal)] = 0;

    public void SignOff(long acquirer, ulong terminal) => _signedOn.TryRemove((acquirer, terminal), out _);
}
