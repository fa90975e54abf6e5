using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace CardActors.LoadGen.Reports;

/// <summary>The machine and runtime a run was made on: results only compare with the same facts.</summary>
public sealed record MachineFacts(
    int ProcessorCount,
    string Processor,
    string OperatingSystem,
    string Architecture,
    string Runtime,
    bool ServerGarbageCollector,
    bool ConcurrentGarbageCollector,
    bool OptimizedBuild,
    long ClockFrequency)
{
    public static MachineFacts Capture() => new(
        Environment.ProcessorCount,
        ProcessorName(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        GCSettings.LatencyMode != GCLatencyMode.Batch,
        IsOptimized(typeof(MachineFacts).Assembly),
        Stopwatch.Frequency);

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    // The model name tells two "2-core" machines apart; only Linux exposes it without a native call.
    private static string ProcessorName()
    {
        const string CpuInfo = "/proc/cpuinfo";
        try
        {
            if (File.Exists(CpuInfo))
            {
                foreach (var line in File.ReadLines(CpuInfo))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // An unreadable /proc leaves the model unknown; the other facts still stand.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return "unknown";
    }
}
