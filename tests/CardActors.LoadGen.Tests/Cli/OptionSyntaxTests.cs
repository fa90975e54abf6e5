using CardActors.LoadGen.Cli;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Cli;

public sealed class OptionSyntaxTests
{
    [Theory]
    [InlineData("60", 60_000)]
    [InlineData("60s", 60_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    public void Durations_are_seconds_or_carry_a_unit(string text, long milliseconds)
    {
        Assert.True(OptionSyntax.TryParseDuration(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("9999999")]
    public void Other_durations_are_refused_with_examples(string text)
    {
        Assert.False(OptionSyntax.TryParseDuration(text, out _, out var error));
        Assert.Contains("500ms", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mix_names_operations_and_leaves_the_rest_at_zero()
    {
        Assert.True(OptionSyntax.TryParseMix("auth=40,completion=35,purchase=15,topup=3,refund=2,reversal=2,balance=3", out var mix, out _));
        Assert.Equal(new OperationMix { Authorize = 40, Complete = 35, Purchase = 15, TopUp = 3, Refund = 2, Reverse = 2, BalanceInquiry = 3 }, mix);

        Assert.True(OptionSyntax.TryParseMix("purchase=1", out var purchases, out _));
        Assert.Equal(new OperationMix { Purchase = 1 }, purchases);
        Assert.Equal("auth=10,completion=9,purchase=60,topup=8,refund=2,reversal=2,balance=9", OptionSyntax.FormatMix(OperationMix.Default));
        Assert.True(OptionSyntax.TryParseMix(OptionSyntax.FormatMix(OperationMix.Default), out var roundTrip, out _));
        Assert.Equal(OperationMix.Default, roundTrip);
    }

    [Theory]
    [InlineData("auth=1,bogus=2", "unknown operation 'bogus'")]
    [InlineData("auth=x", "whole, non-negative weight")]
    [InlineData("auth", "whole, non-negative weight")]
    [InlineData("auth=1,auth=2", "given twice")]
    [InlineData("completion=5,purchase=1", "auth")]
    [InlineData("auth=0", "no positive weight")]
    public void A_wrong_mix_says_what_is_wrong(string text, string expected)
    {
        Assert.False(OptionSyntax.TryParseMix(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_are_fixed_a_range_or_weighted()
    {
        Assert.True(OptionSyntax.TryParseAmounts("2500", out var fixedAmount, out _));
        Assert.Equal(AmountDistribution.Fixed(2500), fixedAmount);
        Assert.True(OptionSyntax.TryParseAmounts("800-20000", out var range, out _));
        Assert.Equal(AmountDistribution.Uniform(800, 20_000), range);
        Assert.True(OptionSyntax.TryParseAmounts("800:30, 1200:70", out var weighted, out _));
        Assert.Equal([new WeightedAmount(800, 30), new WeightedAmount(1200, 70)], weighted.Values);

        Assert.False(OptionSyntax.TryParseAmounts("0", out _, out _));
        Assert.False(OptionSyntax.TryParseAmounts("12.50", out _, out _));
        Assert.False(OptionSyntax.TryParseAmounts("900-800", out _, out var backwards));
        Assert.Contains("below the minimum", backwards, StringComparison.Ordinal);
        Assert.False(OptionSyntax.TryParseAmounts("800:x", out _, out _));
    }

    [Theory]
    [InlineData("iso://127.0.0.1:8583", "127.0.0.1", 8583)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9000)]
    [InlineData("iso://gateway.local:8583", "gateway.local", 8583)]
    [InlineData("iso://[::1]:8583", "::1", 8583)]
    public void The_target_is_an_iso_address_with_a_port(string text, string host, int port)
    {
        Assert.True(OptionSyntax.TryParseTarget(text, out var parsedHost, out var parsedPort, out var error), error);
        Assert.Equal(host, parsedHost);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8583")]
    [InlineData("iso://127.0.0.1")]
    [InlineData("iso://127.0.0.1:8583/path")]
    [InlineData("nonsense")]
    public void Other_targets_are_refused(string text)
    {
        Assert.False(OptionSyntax.TryParseTarget(text, out _, out _, out var error));
        Assert.Contains("iso://127.0.0.1:8583", error, StringComparison.Ordinal);
    }
}
