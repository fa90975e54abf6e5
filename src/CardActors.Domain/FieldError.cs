namespace CardActors.Domain;

/// <summary>
/// A rejected input: which field, and which rule it broke. Both parts are constant strings, so
/// reporting an error allocates nothing until someone formats it.
/// </summary>
public readonly record struct FieldError(string Field, string Rule)
{
    public override string ToString() => Field + ": " + Rule;
}
