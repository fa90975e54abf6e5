using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Provisioning;
using CardActors.LoadGen.Timing;

namespace CardActors.LoadGen.Cli;

/// <summary>What run and find-max do before the first request: obtain the estate, connect, sign on.</summary>
internal static class TargetStartup
{
    /// <returns>The started target, or the exit code that says why there is none.</returns>
    public static async Task<(IsoLoadTarget? Target, int ExitCode)> StartAsync(LoadGenSettings settings, ILoadClock clock, LoadGenConsole console, CancellationToken cancellationToken)
    {
        Estate.LoadEstate estate;
        try
        {
            estate = await EstateSource.ObtainAsync(settings, console, cancellationToken);
        }
        catch (ProvisioningException e)
        {
            console.Fail($"provisioning failed: {e.Message}");
            return (null, ExitCodes.ProvisioningFailed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled during provisioning.");
            return (null, ExitCodes.Cancelled);
        }

        var target = new IsoLoadTarget(settings.Target, estate, clock);
        try
        {
            console.Say($"Connecting to {settings.Target.Host}:{settings.Target.Port} and signing {estate.TerminalCount:N0} terminals on over {settings.Target.Connections} connections.");
            await target.StartAsync(cancellationToken);
            console.Say($"Signed on: {target.Statistics.SignOns:N0} terminals. Trading as {target.Description}.");
            return (target, ExitCodes.Success);
        }
        catch (IsoTargetException e)
        {
            console.Fail($"the gateway is unreachable: {e.Message}");
            await target.DisposeAsync();
            return (null, ExitCodes.TargetUnreachable);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled while connecting.");
            await target.DisposeAsync();
            return (null, ExitCodes.Cancelled);
        }
    }
}
