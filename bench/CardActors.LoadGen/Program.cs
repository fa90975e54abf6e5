using CardActors.LoadGen.Cli;

namespace CardActors.LoadGen;

public static class Program
{
    public static Task<int> Main(string[] args) =>
        LoadGenCommandLine.InvokeAsync(args, LoadGenConsole.System());
}
