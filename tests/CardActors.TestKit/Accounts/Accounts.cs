using CardActors.Runtime.Entities;

namespace CardActors.TestKit.Accounts;

public static class Accounts
{
    public static readonly EntityType<long, AccountState, AccountCommand, AccountEvent, AccountReply> Type =
        new("account", new AccountIdentity(), new AccountBehavior(), new AccountCodec());
}
