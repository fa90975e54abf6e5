namespace CardActors.Runtime.Persistence;

/// <summary>What a journal write does to its entity's durable reminder.</summary>
public enum ReminderChange : byte
{
    None,
    Set,
    Clear,
}
