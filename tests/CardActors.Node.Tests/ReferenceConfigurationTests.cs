using System.Text.Json;
using CardActors.Node.Hosting;
using Microsoft.Extensions.Configuration;

namespace CardActors.Node.Tests;

/// <summary>cluster-config/reference.json documents every key with its default: it must say exactly what the node does.</summary>
public sealed class ReferenceConfigurationTests
{
    private static string ReferencePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CardActors.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("repository root"), "cluster-config", "reference.json");
    }

    [Fact]
    public void Binding_the_reference_file_gives_exactly_the_built_in_defaults()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ReferencePath()).Build();
        var bound = new NodeOptions();
        configuration.GetSection(NodeOptions.Section).Bind(bound);

        var options = new JsonSerializerOptions { WriteIndented = true };
        Assert.Equal(JsonSerializer.Serialize(new NodeOptions(), options), JsonSerializer.Serialize(bound, options));
        Assert.Empty(bound.Validate());
    }

    [Fact]
    public void Every_key_of_the_node_options_appears_in_the_reference_file()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ReferencePath()).Build();
        var documented = configuration.GetSection(NodeOptions.Section).AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null).Select(pair => pair.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var expected = Flatten(JsonSerializer.SerializeToElement(new NodeOptions()), "").ToList();

        var missing = expected.Where(key => !documented.Contains(key)).ToList();
        Assert.True(missing.Count == 0, "not documented in reference.json: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Flatten(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var nested in Flatten(property.Value, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }
}
