using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Tests;

public sealed class LoadOutcomeTests
{
    [Theory]
    [InlineData("00", false)]
    [InlineData("05", false)]
    [InlineData("51", false)]
    [InlineData("30", true)]
    [InlineData("91", true)]
    [InlineData("94", true)]
    [InlineData("96", true)]
    [InlineData("Z9", false)]
    public void Response_codes_are_classified(string code, bool isError)
    {
        var outcome = LoadOutcome.FromResponseCode(code);
        Assert.True(outcome.IsResponse);
        Assert.False(outcome.IsTransportError);
        Assert.Equal(isError, outcome.IsError);
        Assert.Equal(code == "00", outcome.IsApproved);
        Assert.Equal(code, outcome.ResponseCode);
        Assert.Equal(code, outcome.ToString());
        Assert.Equal(outcome, LoadOutcome.Parse(code));
    }

    [Fact]
    public void Every_outcome_round_trips_through_its_counter_index()
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < LoadOutcome.CounterSlots; i++)
        {
            if (i >= (36 * 36) + 5)
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => LoadOutcome.FromCounterIndex(i));
                continue;
            }

            var outcome = LoadOutcome.FromCounterIndex(i);
            Assert.Equal(i, outcome.CounterIndex);
            Assert.True(seen.Add(outcome.GetHashCode()));
            Assert.Equal(outcome, LoadOutcome.Parse(outcome.ToString()));
        }
    }

    [Fact]
    public void Transport_errors_are_errors_and_not_response_codes()
    {
        foreach (var kind in Enum.GetValues<TransportErrorKind>())
        {
            var outcome = LoadOutcome.FromTransportError(kind);
            Assert.True(outcome.IsTransportError);
            Assert.True(outcome.IsError);
            Assert.False(outcome.IsResponse);
            Assert.Equal(kind, outcome.TransportError);
            Assert.Throws<InvalidOperationException>(() => outcome.ResponseCode);
        }
    }

    [Fact]
    public void Malformed_codes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LoadOutcome.FromResponseCode("0"));
        Assert.Throws<ArgumentException>(() => LoadOutcome.FromResponseCode("a1"));
        Assert.Throws<ArgumentException>(() => LoadOutcome.FromResponseCode("0 "));
        Assert.Throws<FormatException>(() => LoadOutcome.Parse("nonsense"));
        Assert.Throws<InvalidOperationException>(() => default(LoadOutcome).CounterIndex);
        Assert.Equal(LoadOutcome.FromResponseCode("51"), LoadOutcome.FromResponseCode("51"u8));
    }
}
