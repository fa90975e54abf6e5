using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;
using CardActors.TestKit;
using CardActors.TestKit.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Runtime.Tests.Entities;

/// <summary>A region of balance accounts on a store, with a manual clock; disposing it is a node stopping.</summary>
internal sealed class AccountRegion : IDisposable
{
    public AccountRegion(IPersistenceStore store, ManualTimeProvider? time = null, EntitySettings? settings = null, JournalWriterSettings? writerSettings = null)
    {
        Time = time ?? new ManualTimeProvider();
        System = new ActorSystem(time: Time);
        Writer = new JournalWriterGroup(store, writerSettings ?? new JournalWriterSettings(), Time, NullLogger.Instance);
        Region = new ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply>(
            System, Accounts.Type, store, Writer, settings ?? new EntitySettings { ShardCount = 16 });
    }

    public ManualTimeProvider Time { get; }

    public ActorSystem System { get; }

    public JournalWriterGroup Writer { get; }

    public ShardRegion<long, AccountState, AccountCommand, AccountEvent, AccountReply> Region { get; }

    public ValueTask<AccountReply> Ask(long account, AccountCommand command, TimeSpan? timeout = null) => Region.Ask(account, command, timeout);

    public void Dispose()
    {
        Region.Dispose();
        Writer.Dispose();
        System.Dispose();
    }
}
