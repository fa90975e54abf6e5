namespace CardActors.LoadGen.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, looking every few milliseconds, for at most 20 s.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }

            await Task.Delay(5);
        }
    }
}
