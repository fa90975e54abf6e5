using System.Diagnostics;
using System.Globalization;
using CardActors.LoadGen.Provisioning;

namespace CardActors.LoadGen.Cli;

/// <summary>
/// Provisioning progress as plain lines: the start and end of every stage, and in between at most
/// one line a second, so that a log of a long provisioning stays short.
/// </summary>
internal sealed class ConsoleProvisioningProgress(LoadGenConsole console) : IProgress<ProvisioningProgress>
{
    private static readonly long Every = Stopwatch.Frequency;
    private readonly object _gate = new();
    private string? _stage;
    private long _lastLine;

    public void Report(ProvisioningProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var boundary = value.Stage != _stage || value.Done == value.Total;
            if (!boundary && now - _lastLine < Every)
            {
                return;
            }

            _stage = value.Stage;
            _lastLine = now;
            console.Say(string.Create(CultureInfo.InvariantCulture, $"provisioning {value.Stage}: {value.Done:N0}/{value.Total:N0}"));
        }
    }
}
