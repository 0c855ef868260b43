using System.Text.Json;

namespace MyXtts.Profilers.Tests.Summary;

/// <summary>Reads profile-summary.json the way a user's script would: by its snake_case field names.</summary>
internal sealed class SummaryReportReader(JsonElement root)
{
    public static SummaryReportReader Load(string path) =>
        new(JsonDocument.Parse(File.ReadAllText(path)).RootElement);

    public JsonElement Root => root;

    public JsonElement? Operation(string section, string name) => Find(section, "operations", "operation", name);

    public JsonElement? Cache(string section, string name) => Find(section, "caches", "cache", name);

    public int OperationCount(string section) => root.GetProperty(section).GetProperty("operations").GetArrayLength();

    private JsonElement? Find(string section, string list, string key, string name)
    {
        foreach (var row in root.GetProperty(section).GetProperty(list).EnumerateArray())
            if (row.GetProperty(key).GetString() == name)
                return row;
        return null;
    }
}
