using System.Text;
using System.Text.Json;

namespace MyXtts.Host.Configuration;

/// <summary>
/// Reads a JSON configuration file into raw entries, keeping the line of each key so errors can point at it.
/// Comments and trailing commas are allowed. <c>[]</c> gives an empty list; <c>null</c> leaves the lower layer's value.
/// </summary>
public static class JsonFileLayer
{
    public static ConfigLayer Read(string path, ConfigSourceKind kind, string name)
    {
        if (!File.Exists(path))
            throw new ConfigurationException($"Configuration file '{path}' not found (full path {Path.GetFullPath(path)}). Fix the path given to --config, or leave --config out.");
        var bytes = File.ReadAllBytes(path);
        var walker = new Walker(bytes, kind, name);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new ConfigurationException($"{path}: the file must hold one JSON object such as {{ \"training\": {{ \"epochs\": 10 }} }}.");
            walker.ReadValue(ref reader, "");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path}:{e.LineNumber + 1}: not valid JSON ({e.Message.Split(". Path:")[0]}). Fix the file and run again.");
        }
        return new ConfigLayer($"{kind.ToString().ToLowerInvariant()} {name}", walker.Entries);
    }

    private sealed class Walker(byte[] bytes, ConfigSourceKind kind, string name)
    {
        public List<ConfigEntry> Entries { get; } = [];
        private int _lineAt;        // byte index up to which lines were counted
        private int _line = 1;

        public void ReadValue(ref Utf8JsonReader reader, string prefix)
        {
            var source = new ConfigSource(kind, name, LineOf(reader.TokenStartIndex));
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var members = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        ReadValue(ref reader, prefix.Length == 0 ? key : $"{prefix}:{key}");
                        members++;
                    }
                    if (members == 0 && prefix.Length > 0) Entries.Add(new(prefix, null, source));
                    break;
                case JsonTokenType.StartArray:
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) ReadValue(ref reader, $"{prefix}:{index++}");
                    if (index == 0) Entries.Add(new(prefix, "", source));
                    break;
                case JsonTokenType.String: Entries.Add(new(prefix, reader.GetString(), source)); break;
                case JsonTokenType.Number: Entries.Add(new(prefix, Encoding.UTF8.GetString(reader.ValueSpan), source)); break;
                case JsonTokenType.True: Entries.Add(new(prefix, "true", source)); break;
                case JsonTokenType.False: Entries.Add(new(prefix, "false", source)); break;
                default: Entries.Add(new(prefix, null, source)); break;
            }
        }

        private int LineOf(long index)
        {
            for (; _lineAt < index && _lineAt < bytes.Length; _lineAt++)
                if (bytes[_lineAt] == (byte)'\n') _line++;
            return _line;
        }
    }
}
