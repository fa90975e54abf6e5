namespace CardActors.LoadGen.Cli;

/// <summary>
/// Runs blocking work (a live view waiting on its run, a search stepping through runs) on a thread
/// of its own. On the thread pool it would hold one of a small machine's few workers, and the
/// transport's receive loops and completions, which run there, would queue behind it.
/// </summary>
internal static class Dedicated
{
    public static Task<T> RunAsync<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
