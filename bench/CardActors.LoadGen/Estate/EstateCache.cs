using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardActors.LoadGen.Estate;

/// <summary>
/// Keeps an estate in a JSON file so that repeated runs against the same node skip provisioning.
/// The file holds MAC keys: it is written readable by its owner only.
/// </summary>
public static class EstateCache
{
    public static async Task WriteAsync(string path, LoadEstate estate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(estate);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);

        // Write beside the target and move into place, so a crash never leaves half a cache.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await JsonSerializer.SerializeAsync(stream, estate, EstateJsonContext.Default.LoadEstate, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <returns>The cached estate, or null when the file does not exist.</returns>
    public static async Task<LoadEstate?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, EstateJsonContext.Default.LoadEstate, cancellationToken)
                ?? throw new InvalidDataException($"The provisioning cache {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The provisioning cache {path} is not an estate: {e.Message}", e);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LoadEstate))]
internal sealed partial class EstateJsonContext : JsonSerializerContext;
