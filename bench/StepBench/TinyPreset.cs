using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Text;

/// <summary>
/// The tiny preset as the bench uses it: <c>configs/tiny.json</c> bound like the host binds it, with the character
/// vocabulary fixed (no corpus: special tokens + punctuation + a–z, 42 symbols), so every run builds the same model.
/// </summary>
internal sealed class TinyPreset
{
    private TinyPreset(string path, JsonObject json, MyXttsSettings settings) => (Path, Json, Settings) = (path, json, settings);

    /// <summary>Where configs/tiny.json was found.</summary>
    public string Path { get; }

    /// <summary>The preset's JSON (comments dropped), for the configuration a checkpoint stores.</summary>
    public JsonObject Json { get; }

    public MyXttsSettings Settings { get; }

    /// <summary>The character tokenizer every bench model uses.</summary>
    public static TokenizerDefinition Characters { get; } = new()
    {
        Kind = TokenizerKinds.Characters,
        Symbols = Vocabulary.Build([], Vocabulary.BasePunctuation + Vocabulary.BaseLetters),
    };

    /// <summary>The vocabulary size the bench models are built for.</summary>
    public static int VocabSize => Characters.Symbols.Count;

    /// <summary>configs/tiny.json found from the working directory or the bench's bin folder upwards, with <c>model.*</c> overrides.</summary>
    public static TinyPreset Load(IReadOnlyDictionary<string, string>? modelOverrides = null)
    {
        var path = Find("configs/tiny.json");
        var json = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var model = json["model"]!.AsObject();
        // The architecture step_bench.py mirrors: no pitch or energy predictors (added to the model after the mirror).
        model["use_pitch_predictor"] = false;
        model["use_energy_predictor"] = false;
        foreach (var (key, value) in modelOverrides ?? new Dictionary<string, string>())
            model[key] = double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
        var text = json.ToJsonString();
        var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))).Build();
        return new TinyPreset(path, json, root.Get<MyXttsSettings>() ?? throw new InvalidOperationException($"{path} did not bind to the settings."));
    }

    private static string Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, relative))) return System.IO.Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException($"{relative} was not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; run the bench from the repository.");
    }
}
