using System.Diagnostics;

namespace CardActors.Runtime.Tests.Entities;

/// <summary>
/// Waits for a condition that another thread will make true (work the kernel queued on the thread
/// pool). Not a timing assertion: the bound only turns a hang into a failure.
/// </summary>
internal static class Eventually
{
    public static Task True(Func<bool> condition, string what) => True(() => ValueTask.FromResult(condition()), what);

    public static async Task True(Func<ValueTask<bool>> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Still not true after 30 s: {what}");
            }

            await Task.Yield();
        }
    }
}
