using CardActors.Journal.Postgres;

namespace CardActors.Journal.Tests.Postgres;

public sealed class PostgresJournalOptionsTests
{
    private static readonly PostgresJournalOptions Valid = new() { ConnectionString = "Host=127.0.0.1;Database=x;Username=u;Password=p" };

    public static TheoryData<string, PostgresJournalOptions> Invalid => new()
    {
        { nameof(PostgresJournalOptions.ConnectionString), Valid with { ConnectionString = " " } },
        { nameof(PostgresJournalOptions.ConnectionString), Valid with { ConnectionString = "Database=x" } },
        { nameof(PostgresJournalOptions.ConnectionString), Valid with { ConnectionString = "Host=h;NoSuchKeyword=1" } },
        { nameof(PostgresJournalOptions.Schema), Valid with { Schema = "" } },
        { nameof(PostgresJournalOptions.Schema), Valid with { Schema = "Upper" } },
        { nameof(PostgresJournalOptions.Schema), Valid with { Schema = "drop table; --" } },
        { nameof(PostgresJournalOptions.Schema), Valid with { Schema = new string('s', 64) } },
        { nameof(PostgresJournalOptions.ConnectTimeout), Valid with { ConnectTimeout = TimeSpan.Zero } },
        { nameof(PostgresJournalOptions.ConnectTimeout), Valid with { ConnectTimeout = TimeSpan.FromMilliseconds(1500) } },
        { nameof(PostgresJournalOptions.CommandTimeout), Valid with { CommandTimeout = TimeSpan.FromSeconds(-1) } },
        { nameof(PostgresJournalOptions.Partitions), Valid with { Partitions = 0 } },
        { nameof(PostgresJournalOptions.Partitions), Valid with { Partitions = 65 } },
        { nameof(PostgresJournalOptions.WriteMode), Valid with { WriteMode = (PostgresWriteMode)7 } },
        { nameof(PostgresJournalOptions.SmallBatchWrites), Valid with { SmallBatchWrites = -1 } },
        { nameof(PostgresJournalOptions.ReplayChunkSize), Valid with { ReplayChunkSize = 0 } },
        { nameof(PostgresJournalOptions.MaxReadConnections), Valid with { MaxReadConnections = 0 } },
        { nameof(PostgresJournalOptions.ApplicationName), Valid with { ApplicationName = "" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_option_is_refused_naming_its_field(string field, PostgresJournalOptions options)
    {
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => new PostgresJournal(options));
    }

    [Fact]
    public void The_defaults_with_a_connection_string_are_valid()
    {
        Valid.Validate();
        Assert.Equal("cardactors", Valid.Schema);
        Assert.Equal(PostgresWriteMode.Copy, Valid.WriteMode);
    }
}
