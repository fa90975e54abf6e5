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
        { nameof(PostgresJournalOptions.CopyFromEvents), Valid with { CopyFromEvents = 0 } },
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
        Assert.Equal(PostgresWriteMode.Adaptive, Valid.WriteMode);
        Assert.Equal(2_000, Valid.CopyFromEvents);
    }

    [Theory]
    [InlineData(1, 2_000, false)]
    [InlineData(1_999, 2_000, false)]
    [InlineData(2_000, 2_000, true)]
    [InlineData(8_192, 2_000, true)]
    [InlineData(1, 1, true)]
    public void The_adaptive_mode_copies_a_batch_of_at_least_its_threshold_and_inserts_a_smaller_one(int events, int copyFromEvents, bool copies) =>
        Assert.Equal(copies, AdaptiveBatchSender.UsesCopy(events, copyFromEvents));
}
