namespace CardActors.Runtime.Remoting;

/// <summary>
/// Who is at the other end of a connection: the node's configured id and its incarnation (a number
/// that differs on every start), so that a restarted node is told apart from the one it replaces.
/// </summary>
public readonly record struct PeerIdentity(string NodeId, long Incarnation)
{
    public override string ToString() => $"{NodeId}#{Incarnation}";
}
