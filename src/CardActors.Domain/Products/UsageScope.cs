using System.Collections.Immutable;
using CardActors.Domain.Merchants;

namespace CardActors.Domain.Products;

/// <summary>
/// Where money may be spent. Each list that is non-empty restricts: a merchant is in scope when its
/// category is listed (or the list is empty), its group is listed (or empty), and at least one of
/// its projects is listed (or empty). All three empty means anywhere.
/// </summary>
public sealed class UsageScope : IEquatable<UsageScope>
{
    public UsageScope(
        ImmutableArray<MerchantCategory> categories,
        ImmutableArray<MerchantGroupId> groups,
        ImmutableArray<ProjectId> projects)
    {
        Categories = categories.IsDefault ? [] : categories;
        Groups = groups.IsDefault ? [] : groups;
        Projects = projects.IsDefault ? [] : projects;
    }

    public static UsageScope Anywhere { get; } = new([], [], []);

    public ImmutableArray<MerchantCategory> Categories { get; }

    public ImmutableArray<MerchantGroupId> Groups { get; }

    public ImmutableArray<ProjectId> Projects { get; }

    public bool IsAnywhere => Categories.IsEmpty && Groups.IsEmpty && Projects.IsEmpty;

    public bool Permits(in MerchantFacts merchant)
    {
        if (!Categories.IsEmpty && !Categories.Contains(merchant.Category))
        {
            return false;
        }
        if (!Groups.IsEmpty && !Groups.Contains(merchant.Group))
        {
            return false;
        }
        if (Projects.IsEmpty)
        {
            return true;
        }
        if (merchant.Projects.IsDefault)
        {
            return false;
        }
        foreach (var project in merchant.Projects)
        {
            if (Projects.Contains(project))
            {
                return true;
            }
        }
        return false;
    }

    public bool Equals(UsageScope? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Categories.AsSpan().SequenceEqual(other.Categories.AsSpan())
                && Groups.AsSpan().SequenceEqual(other.Groups.AsSpan())
                && Projects.AsSpan().SequenceEqual(other.Projects.AsSpan())));

    public override bool Equals(object? obj) => obj is UsageScope other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Categories.Length, Groups.Length, Projects.Length);
}
