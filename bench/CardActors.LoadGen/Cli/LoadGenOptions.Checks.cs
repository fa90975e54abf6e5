using System.CommandLine;
using System.CommandLine.Parsing;

namespace CardActors.LoadGen.Cli;

public sealed partial class LoadGenOptions
{
    /// <summary>The checks that involve several options (each option checks itself while parsing).</summary>
    public IReadOnlyList<string> CheckTogether(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new List<string>();
        if (result.GetValue(NoProvision) && string.IsNullOrWhiteSpace(result.GetValue(ProvisionCache)))
        {
            errors.Add("--no-provision needs --provision-cache <file>: the estate to trade with comes from that file.");
        }

        if (_command == LoadGenCommand.Provision && string.IsNullOrWhiteSpace(result.GetValue(ProvisionCache)))
        {
            errors.Add("provision needs --provision-cache <file>: that is where the estate is kept.");
        }

        var terminals = (long)result.GetValue(Merchants) * result.GetValue(TerminalsPerMerchant);
        if (Connections is not null && terminals < result.GetValue(Connections))
        {
            errors.Add($"--connections {result.GetValue(Connections)} exceeds the {terminals} terminals (--merchants × --terminals-per-merchant): every connection needs a terminal of its own.");
        }

        if (result.GetValue(InitialLoad) > result.GetValue(BalanceCap))
        {
            errors.Add($"--initial-load {result.GetValue(InitialLoad)} exceeds --balance-cap {result.GetValue(BalanceCap)}.");
        }

        if (StartRate is not null && MaxRate is not null && MinRate is not null &&
            (result.GetValue(MaxRate) < result.GetValue(StartRate) || result.GetValue(MinRate) > result.GetValue(StartRate)))
        {
            errors.Add("--min-rate, --start-rate and --max-rate must be in increasing order.");
        }

        return errors;
    }

    private static void Check(OptionResult result, bool condition, string requirement)
    {
        if (!condition && !result.Errors.Any())
        {
            result.AddError($"{result.Option.Name} {requirement}.");
        }
    }
}
