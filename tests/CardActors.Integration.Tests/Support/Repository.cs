namespace CardActors.Integration.Tests.Support;

internal static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CardActors.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("The repository root (CardActors.sln) was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The node's own build output, in the configuration these tests were built with.</summary>
    public static string NodeAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(Root, "src", "CardActors.Node", "bin", configuration, "net10.0", "cardactors.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the node first (dotnet build): " + path, path);
        }
    }

    /// <summary>
    /// A port nothing listens on, chosen below the kernel's ephemeral range: a port taken from that
    /// range can be handed to an outgoing connection (the node's own, to PostgreSQL) before the node
    /// binds it.
    /// </summary>
    public static int FreePort()
    {
        var (low, _) = EphemeralRange();
        var floor = Math.Min(20_000, low / 2);
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = System.Random.Shared.Next(floor, low);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }

        throw new InvalidOperationException($"No free port found between {floor} and {low}.");
    }

    private static (int Low, int High) EphemeralRange()
    {
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(path))
        {
            var parts = File.ReadAllText(path).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], out var low) && int.TryParse(parts[1], out var high) && low > 2_048)
            {
                return (low, high);
            }
        }

        return (32_768, 60_999);
    }
}
