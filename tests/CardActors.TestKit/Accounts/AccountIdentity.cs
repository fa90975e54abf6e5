using System.Globalization;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Sharding;

namespace CardActors.TestKit.Accounts;

public sealed class AccountIdentity : IEntityIdentity<long>
{
    private const string Prefix = "account|";

    public string PersistenceIdOf(long key) => Prefix + key.ToString(CultureInfo.InvariantCulture);

    public bool TryParsePersistenceId(string persistenceId, out long key)
    {
        key = 0;
        return persistenceId.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(persistenceId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    public ulong StableHash(long key) => ShardHash.Of((ulong)key);
}
