using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// Random command sequences per card (see <see cref="CardScenarioRunner"/> for the properties).
/// The seed is fixed so every run checks the same scenarios; set CARDACTORS_PROPERTY_SEED to
/// explore others and CARDACTORS_PROPERTY_RUNS to change the count. A failure prints the seed.
/// </summary>
public sealed class CardPropertyTests
{
    private const ulong DefaultSeed = 20_260_302;
    private const int DefaultRuns = 1_000;

    [Fact]
    public void Random_command_sequences_keep_every_card_property()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("CARDACTORS_PROPERTY_SEED"), out var chosen) ? chosen : DefaultSeed;
        var runs = int.TryParse(Environment.GetEnvironmentVariable("CARDACTORS_PROPERTY_RUNS"), out var count) ? count : DefaultRuns;
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(runs)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        var property = Prop.ForAll(CardScenario.Arbitrary(), scenario => new CardScenarioRunner(scenario).Run());
        try
        {
            Check.One(config, property);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"card property failed with CARDACTORS_PROPERTY_SEED={seed} ({runs} runs):{Environment.NewLine}{ex.Message}");
        }
    }
}
