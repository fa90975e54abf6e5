using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Merchants;

/// <summary>
/// The highest key version a removed terminal had, kept so that adding the terminal again starts
/// above it and never brings an old key back into use.
/// </summary>
public readonly record struct RemovedTerminalKey(TerminalId Terminal, int LastVersion);
