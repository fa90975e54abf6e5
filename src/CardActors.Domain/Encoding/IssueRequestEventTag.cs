namespace CardActors.Domain.Encoding;

/// <summary>The first byte of every encoded issue request event. Journaled: values are never changed or reused.</summary>
public enum IssueRequestEventTag : byte
{
    CardNumberAssigned = 1,
}
