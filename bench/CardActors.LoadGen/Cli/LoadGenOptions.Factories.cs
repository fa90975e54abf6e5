using System.CommandLine;
using System.CommandLine.Parsing;

namespace CardActors.LoadGen.Cli;

public sealed partial class LoadGenOptions
{
    private static Option<string> Text(string name, string defaultValue, string helpName, string description, Func<string, string?>? validate)
    {
        var option = new Option<string>(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => defaultValue };
        if (validate is not null)
        {
            option.Validators.Add(r =>
            {
                if (validate(r.GetValueOrDefault<string>() ?? "") is { } error)
                {
                    r.AddError($"{name}: {error}.");
                }
            });
        }

        return option;
    }

    private static Option<string> Choice(string name, string defaultValue, string description, params string[] choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    private static Option<int> Count(string name, int defaultValue, int minimum, int maximum, string description)
    {
        var option = new Option<int>(name) { HelpName = "n", Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => Check(r, (int value) => value >= minimum && value <= maximum,
            value => $"must lie between {Describe(minimum)} and {Describe(maximum)}, not {Describe(value)}"));
        return option;
    }

    private static Option<long> Amount(string name, long defaultValue, string description)
    {
        var option = new Option<long>(name) { HelpName = "fen", Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => Check(r, (long value) => value >= 0, value => $"cannot be negative ({Describe(value)})"));
        return option;
    }

    private static Option<double> Number(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { HelpName = "number", Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => Check(r, (double value) => value > 0 && double.IsFinite(value), value => $"must be a positive number, not {Describe(value)}"));
        return option;
    }

    private static Option<double> Skew(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { HelpName = "s", Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => Check(r, (double value) => value >= 0 && double.IsFinite(value), value => $"must be a finite number >= 0, not {Describe(value)}"));
        return option;
    }

    private static Option<double> Fraction(string name, double defaultValue, string description, bool allowZero)
    {
        var option = new Option<double>(name) { HelpName = "fraction", Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => Check(
            r,
            (double value) => (allowZero ? value >= 0 : value > 0) && value <= 1 && !(name == "--precision" && value >= 1),
            value => $"must lie {(allowZero ? "between 0" : "above 0")} and {(name == "--precision" ? "below" : "at most")} 1, not {Describe(value)}"));
        return option;
    }

    private static Option<string> TimeOption(string name, TimeSpan defaultValue, string description, bool positive)
    {
        var option = new Option<string>(name)
        {
            HelpName = "time",
            Description = description,
            DefaultValueFactory = _ => FormatDuration(defaultValue),
        };
        option.Validators.Add(r =>
        {
            if (!OptionSyntax.TryParseDuration(r.GetValueOrDefault<string>() ?? "", out var value, out var error))
            {
                r.AddError($"{name}: {error}.");
            }
            else if (positive && value <= TimeSpan.Zero)
            {
                r.AddError($"{name} must be longer than zero.");
            }
        });
        return option;
    }

    /// <summary>Checks a typed value, unless it did not even convert (the parser reports that itself, naming the option).</summary>
    private static void Check<T>(OptionResult result, Func<T, bool> valid, Func<T, string> requirement)
    {
        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        Check(result, valid(value), requirement(value));
    }

    private static TimeSpan ParsedDuration(OptionResult result) =>
        OptionSyntax.TryParseDuration(result.GetValueOrDefault<string>() ?? "", out var value, out _) ? value : TimeSpan.Zero;

    private static string FormatDuration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)value.TotalSeconds}s" : $"{value.TotalMilliseconds:0.###}ms";

    private static string? ValidateHttp(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null : $"'{text}' is not an http:// or https:// address";

    private static string? ValidateTarget(string text) => OptionSyntax.TryParseTarget(text, out _, out _, out var error) ? null : error;

    private static string? ValidateMix(string text) => OptionSyntax.TryParseMix(text, out _, out var error) ? null : error;

    private static string? ValidateAmounts(string text) => OptionSyntax.TryParseAmounts(text, out _, out var error) ? null : error;
}
