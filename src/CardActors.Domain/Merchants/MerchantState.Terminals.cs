using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// Terminals and their MAC key versions. A terminal starts at version 1, or — when it was removed
/// before — one above the last version it had, so a key is never used again once its terminal is
/// gone. Removed terminals are remembered one by one up to <see cref="MaxRemovedKeyMemory"/>; the
/// oldest memory beyond that is folded into <see cref="KeyVersionFloor"/>, which every terminal
/// added without a memory of its own then starts above: memory stays bounded and no key is reused.
/// </summary>
public sealed partial class MerchantState
{
    private ImmutableArray<RemovedTerminalKey> _removedKeys = [];

    /// <summary>The highest last version among forgotten removed terminals; 0 while nothing was forgotten.</summary>
    public int KeyVersionFloor { get; private set; }

    /// <summary>Removed terminals with their last key version, oldest removal first.</summary>
    public ImmutableArray<RemovedTerminalKey> RemovedKeys => _removedKeys;

    /// <summary>The terminal's key versions; <c>default</c> when it is not a terminal of this merchant.</summary>
    public TerminalKeyVersions KeyVersionsOf(TerminalId terminal)
    {
        var index = Terminals.IndexOf(terminal);
        return index < 0 ? default : KeyVersions[index];
    }

    private void AddTerminal(TerminalId terminal)
    {
        if (terminal.IsEmpty || Terminals.Contains(terminal) || Terminals.Length >= MaxTerminals)
        {
            throw Violation("terminal empty, added twice or beyond the limit");
        }
        var last = KeyVersionFloor;
        for (var i = 0; i < _removedKeys.Length; i++)
        {
            if (_removedKeys[i].Terminal == terminal)
            {
                last = _removedKeys[i].LastVersion;
                _removedKeys = _removedKeys.RemoveAt(i);
                break;
            }
        }
        Terminals = Terminals.Add(terminal);
        KeyVersions = KeyVersions.Add(new TerminalKeyVersions(checked(last + 1), 0));
    }

    private void RemoveTerminal(TerminalId terminal)
    {
        var index = Terminals.IndexOf(terminal);
        if (index < 0)
        {
            throw Violation("removed terminal was not registered");
        }
        if (_removedKeys.Length >= MaxRemovedKeyMemory)
        {
            KeyVersionFloor = Math.Max(KeyVersionFloor, _removedKeys[0].LastVersion);
            _removedKeys = _removedKeys.RemoveAt(0);
        }
        // Versions only rise, so the current one is the highest this terminal ever had.
        _removedKeys = _removedKeys.Add(new RemovedTerminalKey(terminal, KeyVersions[index].Current));
        Terminals = Terminals.RemoveAt(index);
        KeyVersions = KeyVersions.RemoveAt(index);
    }

    private void RotateKey(TerminalId terminal, int newVersion)
    {
        var index = Terminals.IndexOf(terminal);
        if (index < 0)
        {
            throw Violation("key rotated for a terminal that is not registered");
        }
        var current = KeyVersions[index].Current;
        if (newVersion != current + 1)
        {
            throw Violation("key version must rise by one: " + current + " -> " + newVersion);
        }
        KeyVersions = KeyVersions.SetItem(index, new TerminalKeyVersions(newVersion, current));
    }

    private void RetirePreviousKey(TerminalId terminal)
    {
        var index = Terminals.IndexOf(terminal);
        if (index < 0 || !KeyVersions[index].HasPrevious)
        {
            throw Violation("retired a previous key that does not exist");
        }
        KeyVersions = KeyVersions.SetItem(index, KeyVersions[index] with { Previous = 0 });
    }

    private void RestoreTerminals(MerchantSnapshot snapshot)
    {
        var terminals = snapshot.Terminals;
        var versions = snapshot.KeyVersions;
        if (terminals.Length != versions.Length || terminals.Length > MaxTerminals || snapshot.RemovedKeys.Length > MaxRemovedKeyMemory
            || snapshot.KeyVersionFloor < 0)
        {
            throw Violation("terminal lists out of shape");
        }
        // A terminal id appears once across both lists: registered, or removed and remembered.
        var seen = new HashSet<TerminalId>(terminals.Length + snapshot.RemovedKeys.Length);
        for (var i = 0; i < terminals.Length; i++)
        {
            if (terminals[i].IsEmpty || !versions[i].IsValid || !seen.Add(terminals[i]))
            {
                throw Violation("terminal " + i + " empty, repeated or with invalid key versions");
            }
        }
        foreach (var removed in snapshot.RemovedKeys)
        {
            if (removed.Terminal.IsEmpty || removed.LastVersion < 1 || !seen.Add(removed.Terminal))
            {
                throw Violation("removed-terminal memory inconsistent");
            }
        }
        Terminals = terminals;
        KeyVersions = versions;
        _removedKeys = snapshot.RemovedKeys;
        KeyVersionFloor = snapshot.KeyVersionFloor;
    }
}
