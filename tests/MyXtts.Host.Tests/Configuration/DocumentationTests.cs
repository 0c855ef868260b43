using MyXtts.Host.Configuration;

namespace MyXtts.Host.Tests.Configuration;

public sealed class DocumentationTests
{
    [Fact]
    public void Docs_configuration_md_lists_every_key()
    {
        var docs = File.ReadAllText(ConfigTestSupport.RepoFile("docs/configuration.md"));
        var missing = SettingsSchema.Instance.Settings
            .Select(s => s.Shape == SettingShape.Map ? $"`{s.DisplayName}.<name>`" : $"`{s.DisplayName}`")
            .Where(key => !docs.Contains(key, StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md does not document: " + string.Join(", ", missing));
    }

    [Fact]
    public void Docs_configuration_md_lists_every_flag()
    {
        var docs = File.ReadAllText(ConfigTestSupport.RepoFile("docs/configuration.md"));
        Assert.All(new ConfigurationFlags().Options, o => Assert.Contains($"`{o.Name}", docs));
    }
}
