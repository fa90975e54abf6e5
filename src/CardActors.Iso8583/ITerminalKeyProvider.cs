using System.Diagnostics.CodeAnalysis;

namespace CardActors.Iso8583;

/// <summary>
/// Where MAC keys come from: terminal id (field 41, 8 bytes) → key. During a rotation a terminal has
/// a previous key as well, still accepted on requests until the issuer retires it.
/// </summary>
public interface ITerminalKeyProvider
{
    bool TryGetKeys(ReadOnlySpan<byte> terminalId, [MaybeNullWhen(false)] out MacKey current, out MacKey? previous);
}
