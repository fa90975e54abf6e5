using System.Diagnostics;

namespace CardActors.Journal.Tests.Support;

/// <summary>
/// Waiting for work that other threads do. The bounds are not timing assertions: they only turn a
/// hang into a failure.
/// </summary>
internal static class Waits
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>Yields until the condition holds (it is made true by work already queued).</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > HangGuard)
            {
                Assert.Fail($"Still not true after {HangGuard.TotalSeconds} s: {what}");
            }

            await Task.Yield();
        }
    }

    /// <summary>Polls a condition that needs a read (a write already handed to the kernel becoming durable).</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > HangGuard)
            {
                Assert.Fail($"Still not true after {HangGuard.TotalSeconds} s: {what}");
            }

            await Task.Yield();
        }
    }
}
