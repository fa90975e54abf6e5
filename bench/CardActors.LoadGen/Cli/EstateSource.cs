using CardActors.LoadGen.Estate;
using CardActors.LoadGen.Provisioning;

namespace CardActors.LoadGen.Cli;

/// <summary>
/// Finds the estate a command trades with: the cache file when it covers the run (same node and
/// product, enough cards, merchants and terminals), otherwise a fresh provisioning through the
/// HTTP API, written back to the cache. With --no-provision the cache is the only source.
/// </summary>
internal static class EstateSource
{
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromMinutes(2);

    /// <exception cref="ProvisioningException">Neither the cache nor the node could supply the estate.</exception>
    public static async Task<LoadEstate> ObtainAsync(LoadGenSettings settings, LoadGenConsole console, CancellationToken cancellationToken)
    {
        var wanted = settings.Provisioning;
        var cachePath = settings.ProvisionCache;
        if (!string.IsNullOrWhiteSpace(cachePath))
        {
            LoadEstate? cached;
            try
            {
                cached = await EstateCache.ReadAsync(cachePath, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new ProvisioningException($"--provision-cache: {e.Message}", e);
            }

            var shortfall = cached?.Shortfall(wanted.Cards, wanted.Merchants, wanted.TerminalsPerMerchant);
            var sameNode = cached is not null && cached.Node == wanted.Node.ToString() && cached.Product == wanted.ProductId;
            if (cached is not null && shortfall is null && (sameNode || settings.NoProvision))
            {
                console.Say($"Reusing the estate in {cachePath} (provisioned {cached.ProvisionedAt:u} on {cached.Node}).");
                return cached.Take(wanted.Cards, wanted.Merchants, wanted.TerminalsPerMerchant);
            }

            if (settings.NoProvision)
            {
                throw new ProvisioningException(cached is null
                    ? $"--no-provision: the cache {cachePath} does not exist."
                    : $"--no-provision: the cache {cachePath} cannot serve this run: {shortfall}.");
            }

            console.Say(cached is null
                ? $"No estate cached in {cachePath} yet: provisioning."
                : $"The estate in {cachePath} does not cover this run ({shortfall ?? $"it was provisioned on {cached.Node} for product {cached.Product}"}): provisioning.");
        }

        using var http = new HttpClient { BaseAddress = wanted.Node, Timeout = HttpTimeout };
        var provisioner = new Provisioner(new NodeAdminClient(http), wanted);
        var estate = await provisioner.ProvisionAsync(new ConsoleProvisioningProgress(console), cancellationToken);
        if (!string.IsNullOrWhiteSpace(cachePath))
        {
            try
            {
                await EstateCache.WriteAsync(cachePath, estate, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ProvisioningException($"--provision-cache: could not write {cachePath}: {e.Message}", e);
            }

            console.Say($"Estate cached in {cachePath}: {estate.Cards.Count:N0} cards, {estate.Merchants.Count:N0} merchants, {estate.TerminalCount:N0} terminals (it holds MAC keys: keep it private).");
        }

        return estate;
    }
}
