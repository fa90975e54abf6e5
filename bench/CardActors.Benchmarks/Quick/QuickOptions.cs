using System.Globalization;

namespace CardActors.Benchmarks.Quick;

internal sealed record QuickOptions(int Entities, int Outstanding, TimeSpan Duration, TimeSpan WarmUp, int Seed, int Partitions, string? Only = null, int? ReserveMiB = null)
{
    /// <summary>Journal memory made ready before a case starts, by default 100 MiB per second of warm-up and measurement.</summary>
    public long ReserveBytes => (ReserveMiB ?? (int)(100 * (WarmUp + Duration).TotalSeconds)) * (1L << 20);

    public const string Usage =
        "quick [--only kernel-auth|card-auth] [--entities N] [--outstanding N] [--seconds S] [--warmup S] [--seed N] [--partitions N] [--reserve-mib N]\n" +
        "  defaults: 100000 entities, 4096 outstanding asks, 10 s measured after 3 s warm-up, seed 42,\n" +
        "  2 journal partitions (group-commit writers over the one in-memory journal), 100 MiB of journal memory\n" +
        "  made ready per second of warm-up and measurement (0: none; pages are then committed under the writes)";

    public static QuickOptions? Parse(string[] args)
    {
        var options = new QuickOptions(100_000, 4_096, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 42, 2);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--only" && i + 1 < args.Length && args[i + 1] is "kernel-auth" or "card-auth")
            {
                options = options with { Only = args[i + 1] };
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            if (args[i] == "--reserve-mib")
            {
                options = options with { ReserveMiB = value };
                continue;
            }

            if (value <= 0)
            {
                return null;
            }

            options = args[i] switch
            {
                "--entities" => options with { Entities = value },
                "--outstanding" => options with { Outstanding = value },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(value) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(value) },
                "--seed" => options with { Seed = value },
                "--partitions" => options with { Partitions = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }
}
