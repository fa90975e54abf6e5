using System.Globalization;
using CardActors.LoadGen.Provisioning;

namespace CardActors.LoadGen.Cli;

/// <summary><c>provision</c>: create the estate and keep it in the cache file, for later runs with --no-provision.</summary>
internal static class ProvisionCommand
{
    public static async Task<int> ExecuteAsync(LoadGenSettings settings, LoadGenConsole console, CancellationToken cancellationToken)
    {
        try
        {
            var estate = await EstateSource.ObtainAsync(settings, console, cancellationToken);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loadgen provisioned cards={estate.Cards.Count} merchants={estate.Merchants.Count} terminals={estate.TerminalCount}"));
            console.Out.Flush();
            return ExitCodes.Success;
        }
        catch (ProvisioningException e)
        {
            console.Fail($"provisioning failed: {e.Message}");
            return ExitCodes.ProvisioningFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled during provisioning.");
            return ExitCodes.Cancelled;
        }
    }
}
