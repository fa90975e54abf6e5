using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CardActors.Iso8583;

/// <summary>
/// A thread-safe in-memory <see cref="ITerminalKeyProvider"/>. Installing a key for a terminal that
/// has one makes the old key the previous key (accepted until <see cref="RetirePrevious"/>), so
/// terminals can switch keys without a window in which their requests fail.
/// </summary>
public sealed class TerminalKeyRing : ITerminalKeyProvider
{
    private readonly ConcurrentDictionary<ulong, Keys> _keys = new();

    public int Count => _keys.Count;

    /// <summary>Makes <paramref name="key"/> the terminal's current key; a former current key becomes the previous one.</summary>
    public void Install(ReadOnlySpan<byte> terminalId, MacKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = TransmissionKey.PackTerminalId(terminalId);
        _keys.AddOrUpdate(id, static (_, k) => new Keys(k, null), static (_, old, k) => new Keys(k, old.Current), key);
    }

    /// <summary>Ends a rotation: only the current key is accepted from now on.</summary>
    public void RetirePrevious(ReadOnlySpan<byte> terminalId)
    {
        var id = TransmissionKey.PackTerminalId(terminalId);
        while (_keys.TryGetValue(id, out var keys) && keys.Previous is not null)
        {
            if (_keys.TryUpdate(id, keys with { Previous = null }, keys))
            {
                return;
            }
        }
    }

    /// <summary>Forgets the terminal: its requests then fail MAC verification as unknown.</summary>
    public bool Remove(ReadOnlySpan<byte> terminalId) => _keys.TryRemove(TransmissionKey.PackTerminalId(terminalId), out _);

    public bool TryGetKeys(ReadOnlySpan<byte> terminalId, [MaybeNullWhen(false)] out MacKey current, out MacKey? previous)
    {
        if (terminalId.Length == 8 && _keys.TryGetValue(TransmissionKey.PackTerminalId(terminalId), out var keys))
        {
            current = keys.Current;
            previous = keys.Previous;
            return true;
        }

        current = null;
        previous = null;
        return false;
    }

    private sealed record Keys(MacKey Current, MacKey? Previous);
}
