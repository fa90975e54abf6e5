using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;
using CardActors.TestKit;
using CardActors.TestKit.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Journal.Tests.Support;

/// <summary>
/// One node's worth of kernel over a store: actor system, group-commit writer and a region of
/// balance accounts, on a manual clock. Disposing it is the node stopping; the store stays.
/// </summary>
internal sealed class AccountNode : IDisposable
{
    public AccountNode(IPersistenceStore store, EntitySettings? settings = null)
    {
        Time = new ManualTimeProvider();
        System = new ActorSystem(time: Time);
        Writer = new JournalWriterGroup(store, new JournalWriterSettings(), Time, NullLogger.Instance);
        Region = new ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply>(
            System, Accounts.Type, store, Writer, settings ?? new EntitySettings { ShardCount = 16 });
    }

    public ManualTimeProvider Time { get; }

    public ActorSystem System { get; }

    public JournalWriterGroup Writer { get; }

    public ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply> Region { get; }

    public static string PersistenceIdOf(long account) => Accounts.Type.Identity.PersistenceIdOf(account);

    /// <summary>Asks and awaits the reply; a reply that never comes fails the test instead of hanging it.</summary>
    public async Task<AccountReply> Ask(long account, AccountCommand command) =>
        await Region.Ask(account, command).AsTask().WaitAsync(Waits.HangGuard);

    public void Dispose()
    {
        Region.Dispose();
        Writer.Dispose();
        System.Dispose();
    }
}
