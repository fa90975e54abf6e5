using Spectre.Console;

namespace CardActors.LoadGen.Cli;

/// <summary>
/// Where the commands write: progress and summaries for a person, errors, and the one
/// machine-readable result line that ends standard output.
/// </summary>
/// <param name="Ui">Tables, progress and summaries.</param>
/// <param name="Out">Standard output, for the final <c>loadgen ...</c> line.</param>
/// <param name="Error">Standard error, for failures.</param>
public sealed record LoadGenConsole(IAnsiConsole Ui, TextWriter Out, TextWriter Error)
{
    public static LoadGenConsole System() => new(AnsiConsole.Console, Console.Out, Console.Error);

    public void Fail(string message)
    {
        Error.WriteLine($"cardactors-loadgen: {message}");
        Error.Flush();
    }

    /// <summary>A line for a person, never wrapped at the console's width (so logs keep one line per event).</summary>
    public void Say(string line)
    {
        Ui.Profile.Out.Writer.WriteLine(line);
        Ui.Profile.Out.Writer.Flush();
    }
}
