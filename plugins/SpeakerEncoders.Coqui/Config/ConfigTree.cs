using System.Text.Json;
using MyXtts.Checkpoints.Pickle;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Config;

/// <summary>
/// A Coqui config (the checkpoint's <c>config</c> dict or <c>config_se.json</c>) as plain values: string-keyed
/// dictionaries, lists, long, double, bool, string and null, with typed look-ups that name the key and the source.
/// </summary>
internal sealed class ConfigTree(IReadOnlyDictionary<string, object?> values, string source)
{
    public string Source { get; } = source;

    /// <summary>The sub-tree under <paramref name="key"/>, or an empty one.</summary>
    public ConfigTree Section(string key) =>
        values.TryGetValue(key, out var v) && v is IReadOnlyDictionary<string, object?> d ? new ConfigTree(d, $"{Source} → {key}") : new ConfigTree(new Dictionary<string, object?>(), $"{Source} → {key}");

    public bool Has(string key) => values.TryGetValue(key, out var v) && v is not null;

    public string? String(string key) => Get(key, v => v as string, "a string");

    public bool Bool(string key, bool fallback) => Has(key) ? Get(key, v => v as bool?, "true or false") ?? fallback : fallback;

    public double Double(string key, double fallback) => Has(key) ? Get(key, v => v switch { double d => d, long l => l, _ => (double?)null }, "a number")!.Value : fallback;

    public double? NullableDouble(string key) => Has(key) ? Double(key, 0) : null;

    public int Int(string key, int fallback) => Has(key) ? Get(key, v => v is long l ? (int?)l : null, "an integer")!.Value : fallback;

    public int? NullableInt(string key) => Has(key) ? Int(key, 0) : null;

    private T? Get<T>(string key, Func<object?, T?> convert, string expected)
    {
        if (!values.TryGetValue(key, out var value) || value is null) return default;
        return convert(value) ?? throw new InvalidDataException($"{Source}: '{key}' is {value} ({value.GetType().Name}); it must be {expected}.");
    }

    /// <summary>The checkpoint's <c>config</c> entry, converted from the unpickled tree.</summary>
    public static ConfigTree FromPickle(PickleDict dict, string source) => new(ToPlain(dict), source);

    /// <summary>A JSON config file such as <c>config_se.json</c>.</summary>
    public static ConfigTree FromJsonFile(string path) => FromJsonText(File.ReadAllText(path), path);

    /// <summary>A config as JSON text (a file's, or the copy <see cref="ToJson"/> wrote into a safetensors file's metadata).</summary>
    public static ConfigTree FromJsonText(string text, string source)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (FromJson(document.RootElement) is not IReadOnlyDictionary<string, object?> root)
            throw new InvalidDataException($"{source}: a Coqui config must be a JSON object.");
        return new ConfigTree(root, source);
    }

    /// <summary>
    /// The whole tree as JSON, for a weights copy that must rebuild the same encoder. Values the JSON cannot hold (objects
    /// a pickle carried that are not plain data) are left out: the encoder reads only plain settings.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(Plain(values), JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static object? Plain(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> d => d.Where(p => IsPlain(p.Value)).ToDictionary(p => p.Key, p => Plain(p.Value)),
        List<object?> l => l.Where(IsPlain).Select(Plain).ToList(),
        _ => value,
    };

    private static bool IsPlain(object? value) => value is null or string or long or double or bool or IReadOnlyDictionary<string, object?> or List<object?>;

    private static IReadOnlyDictionary<string, object?> ToPlain(PickleDict dict) =>
        dict.Where(p => p.Key is string).ToDictionary(p => (string)p.Key, p => ToPlain(p.Value));

    private static object? ToPlain(object? value) => value switch
    {
        PickleDict d => ToPlain(d),
        List<object?> l => l.Select(ToPlain).ToList(),
        PickleTuple t => t.Select(ToPlain).ToList(),
        _ => value,
    };

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),   // without the cast the ?: is double and every integer became one
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
