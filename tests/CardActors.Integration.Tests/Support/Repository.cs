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

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
