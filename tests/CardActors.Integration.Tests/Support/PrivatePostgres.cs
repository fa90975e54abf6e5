using System.Diagnostics;

namespace CardActors.Integration.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb into a temporary directory, on a free port), so
/// that the test can stop and start it without disturbing anything else. Needs the server packages
/// (./test.sh installs them) and root or the postgres user.
/// </summary>
internal sealed class PrivatePostgres : IDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private PrivatePostgres(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=2;Command Timeout=5";

    public static PrivatePostgres Create()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's server binaries are missing: run ./test.sh (or scripts/postgres.sh) once to install them.");
        var directory = Path.Combine(Path.GetTempPath(), "cardactors-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var cluster = new PrivatePostgres(directory, bin, Repository.FreePort());
        cluster.AsPostgres($"chown postgres {directory} 2>/dev/null; true", asRoot: true);
        cluster.AsPostgres($"{bin}/initdb -D {directory}/data -U postgres --auth=trust -E UTF8 --no-sync > {directory}/initdb.log 2>&1");
        cluster.Start();
        return cluster;
    }

    public void Start() => AsPostgres($"{_bin}/pg_ctl -D {_directory}/data -l {_directory}/server.log -w -t 30 " +
        $"-o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on\" start");

    /// <summary>A fast shutdown: open sessions are cut, as when a database server goes away.</summary>
    public void Stop() => AsPostgres($"{_bin}/pg_ctl -D {_directory}/data -w -t 30 -m fast stop");

    public void Dispose()
    {
        try
        {
            AsPostgres($"{_bin}/pg_ctl -D {_directory}/data -w -t 30 -m immediate stop");
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void AsPostgres(string command, bool asRoot = false)
    {
        var isRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(asRoot || Environment.UserName == "postgres" ? command
            : isRoot ? $"su postgres -s /bin/sh -c '{command.Replace("'", "'\\''", StringComparison.Ordinal)}'"
            : $"sudo -n -u postgres /bin/sh -c '{command.Replace("'", "'\\''", StringComparison.Ordinal)}'");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(Path.Combine(_directory, "server.log")) ? File.ReadAllText(Path.Combine(_directory, "server.log")) : "";
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}): {output}{Environment.NewLine}{log}");
        }
    }
}
