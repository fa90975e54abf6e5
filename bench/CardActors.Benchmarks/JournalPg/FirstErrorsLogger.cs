using Microsoft.Extensions.Logging;

namespace CardActors.Benchmarks.JournalPg;

/// <summary>Prints the first few warnings and errors of a run to standard error, so that a failing case says why.</summary>
internal sealed class FirstErrorsLogger : ILogger, ILoggerFactory
{
    private const int Limit = 5;
    private int _printed;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel) && Interlocked.Increment(ref _printed) <= Limit)
        {
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }
    }

    public void Dispose()
    {
    }
}
