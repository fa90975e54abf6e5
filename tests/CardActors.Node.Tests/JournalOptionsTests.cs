using System.Globalization;
using CardActors.Node.Hosting;
using CardActors.Runtime.Persistence;

namespace CardActors.Node.Tests;

public sealed class JournalOptionsTests
{
    [Fact]
    public void A_writer_capacity_beyond_what_its_queue_can_hold_is_refused_naming_the_key()
    {
        var options = new NodeOptions();
        options.Journal.Writer = new JournalWriterSettings { Capacity = JournalWriterSettings.MaxCapacity + 1 };

        var error = Assert.Single(options.Validate());
        Assert.StartsWith("CardActors:Journal:Writer:Capacity:", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(options.Journal.Writer.Validate);
    }

    [Fact]
    public void The_largest_writer_capacity_is_accepted()
    {
        var options = new NodeOptions();
        options.Journal.Writer = new JournalWriterSettings { Capacity = JournalWriterSettings.MaxCapacity };

        Assert.Empty(options.Validate());
        options.Journal.Writer.Validate();
    }

    [Fact]
    public void A_negative_small_batch_size_is_refused_naming_the_key()
    {
        var options = new NodeOptions();
        options.Journal.PostgresSmallBatchWrites = -1;

        var error = Assert.Single(options.Validate());
        Assert.StartsWith("CardActors:Journal:PostgresSmallBatchWrites:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:00.001")]
    [InlineData("00:00:00.101")]
    public void A_commit_interval_out_of_range_is_refused_naming_the_key(string interval)
    {
        var options = new NodeOptions();
        options.Journal.Writer = options.Journal.Writer with { CommitInterval = TimeSpan.Parse(interval, CultureInfo.InvariantCulture) };

        var error = Assert.Single(options.Validate());
        Assert.StartsWith("CardActors:Journal:Writer:CommitInterval:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_lets_writes_gather_for_4_ms_between_commits_by_default()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(4), new NodeOptions().Journal.Writer.CommitInterval);
    }
}
