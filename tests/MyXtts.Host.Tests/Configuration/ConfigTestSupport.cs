using MyXtts.Host.Configuration;

namespace MyXtts.Host.Tests.Configuration;

/// <summary>Builds requests with in-memory environments and temporary files; never touches the process environment.</summary>
internal sealed class ConfigTestSupport : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("myxtts-config-tests-").FullName;

    /// <summary>The repository's configs/ folder (copied next to the tests, or found above them).</summary>
    public static string PresetDirectory { get; } = FindPresets();

    public string WriteFile(string json, string name = "run.json")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    public string Folder => _folder;

    public static ConfigRequest Request(string? file = null, string? modelSize = null,
                                        IDictionary<string, string?>? env = null, params (string Flag, string Key, string Value)[] flags) => new()
    {
        ConfigFile = file,
        ModelSize = modelSize,
        Environment = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>()),
        Flags = flags.Select(f => new ConfigEntry(f.Key, f.Value, new ConfigSource(ConfigSourceKind.Flag, f.Flag))).ToList(),
        PresetDirectory = PresetDirectory,
    };

    public static ConfigurationException LoadFails(ConfigRequest request) =>
        Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(request));

    /// <summary>A file of the repository, found by walking up from the test assembly.</summary>
    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException($"{relative} not found above {AppContext.BaseDirectory}.");
    }

    private static string FindPresets()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "configs");
        if (File.Exists(Path.Combine(local, "tiny.json"))) return local;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "configs", "tiny.json"))) return Path.Combine(dir.FullName, "configs");
        throw new InvalidOperationException("configs/tiny.json not found next to or above the test assembly.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
