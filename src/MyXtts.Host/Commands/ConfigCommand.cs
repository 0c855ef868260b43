using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyXtts.Host.Cli;
using MyXtts.Host.Configuration;
using Spectre.Console;

namespace MyXtts.Host.Commands;

/// <summary><c>myxtts config show</c>: the effective configuration and where each value came from.</summary>
public static class ConfigCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON ({key, value, source} rows) instead of a table." };
        var show = new Command("show", "Print the effective configuration (defaults < preset < --config file < MYXTTS_* environment < flags) and each value's source.");
        show.Options.Add(json);
        show.SetAction(parse =>
        {
            var configuration = ConfigurationLoader.Load(ConfigRequestFactory.From(
                parse, globals.Config, globals.ConfigurationFlags, context.Environment, context.PresetDirectory));
            var rows = Rows(configuration).ToList();
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(rows));
            else WriteTable(rows, context.Out);
            return 0;
        });
        var config = new Command("config", "Inspect the configuration.");
        config.Subcommands.Add(show);
        return config;
    }

    /// <summary>One row per key: scalars, lists as "a, b", each map entry on its own row, plus pass-through keys (plugins.*).</summary>
    public static IEnumerable<(string Key, string Value, string Source)> Rows(EffectiveConfiguration configuration)
    {
        foreach (var setting in SettingsSchema.Instance.Settings)
        {
            var value = SettingValues.Read(configuration.Settings, setting);
            if (value is IReadOnlyDictionary<string, double> map)
                foreach (var (name, weight) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    yield return ($"{setting.DisplayName}.{name}", SettingValues.Format(weight)!, configuration.Provenance.SourceOf($"{setting.Path}:{name}").ToString());
            else
                yield return (setting.DisplayName, value is IEnumerable<string> list ? string.Join(", ", list) : SettingValues.Format(value) ?? "(none)",
                              configuration.Provenance.SourceOf(setting.Path).ToString());
        }
        foreach (var (key, raw) in configuration.Provenance.Values.Where(kv => SettingsSchema.IsPassThrough(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (raw.Value is not null) yield return (key.Replace(':', '.'), raw.Value, raw.Source.ToString());
    }

    private static string ToJson(IEnumerable<(string Key, string Value, string Source)> rows) =>
        new JsonArray(rows.Select(r => (JsonNode?)new JsonObject { ["key"] = r.Key, ["value"] = r.Value, ["source"] = r.Source }).ToArray())
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static void WriteTable(IEnumerable<(string Key, string Value, string Source)> rows, TextWriter writer)
    {
        var console = Terminal.For(writer);
        var table = new Table().AddColumns(new TableColumn("Key").NoWrap(), new TableColumn("Value"), new TableColumn("Source").NoWrap());
        foreach (var (key, value, source) in rows)
            table.AddRow(Markup.Escape(key), Markup.Escape(value), source == "default" ? "[grey]default[/]" : Markup.Escape(source));
        console.Write(table);
    }
}
