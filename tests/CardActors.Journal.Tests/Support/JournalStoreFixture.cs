using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Support;

/// <summary>
/// How the contract suites get a store: one per store kind, shared by a test class (xunit class
/// fixture), which gives each test a database of its own. A new store kind subclasses this and adds
/// one-line subclasses of the contract suites; nothing else in the suites knows the kind.
/// </summary>
public abstract class JournalStoreFixture : IDisposable
{
    private int _databases;

    /// <summary>A database name no other test of this fixture uses: lower-case letters and digits.</summary>
    public string NewDatabaseName() => "db" + Interlocked.Increment(ref _databases).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The one factory: a new, not yet initialized store instance on the named database. Opening a
    /// name again opens the same data where the store can (see <see cref="IsDurable"/> and
    /// <see cref="SharesDatabase"/>).
    /// </summary>
    public abstract IPersistenceStore Open(string database);

    /// <summary>What was written survives disposing the store and opening the database again.</summary>
    public virtual bool IsDurable => false;

    /// <summary>Several store instances may have one database open at once (two writers).</summary>
    public virtual bool SharesDatabase => false;

    /// <summary>A snapshot older than the stored one is ignored rather than replacing it.</summary>
    public virtual bool KeepsNewerSnapshot => true;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
