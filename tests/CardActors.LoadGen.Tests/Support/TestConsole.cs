using CardActors.LoadGen.Cli;
using Spectre.Console;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>A command-line console whose three outputs are strings: the UI (plain, no colours), stdout and stderr.</summary>
internal static class TestConsole
{
    public static (LoadGenConsole Console, StringWriter Output, StringWriter Errors) Create() => Create(out _);

    public static (LoadGenConsole Console, StringWriter Output, StringWriter Errors) Create(out StringWriter ui)
    {
        ui = new StringWriter();
        var output = new StringWriter();
        var errors = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(ui),
        });
        return (new LoadGenConsole(ansi, output, errors), output, errors);
    }
}
