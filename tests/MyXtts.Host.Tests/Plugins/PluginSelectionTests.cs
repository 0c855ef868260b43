using MyXtts.Host.Cli;
using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;

namespace MyXtts.Host.Tests.Plugins;

public class PluginSelectionTests
{
    private static PluginSelection Parse(params string[] values) => PluginSelection.Parse(values, FixturePlugins.All);

    [Fact]
    public void A_name_selects_its_plugin_with_the_kind_inferred()
    {
        var selection = Parse("cache_only_profiler", "fixture_encoder");

        Assert.Equal("cache_only_profiler", selection.Single(PluginKind.Profiler)!.Name);
        Assert.Equal("fixture_encoder", selection.Single(PluginKind.SpeakerEncoder)!.Name);
        Assert.Null(selection.Single(PluginKind.Vocoder));
    }

    [Fact]
    public void Loss_terms_and_metrics_sinks_add_up_in_the_order_given()
    {
        var selection = Parse("fixture_l1", "fixture_sink", "duplicate_name", "fixture_l1");

        Assert.Equal(["fixture_l1", "duplicate_name"], selection.OfKind(PluginKind.LossTerm).Select(p => p.Name));
        Assert.Equal(["fixture_sink"], selection.OfKind(PluginKind.MetricsSink).Select(p => p.Name));
    }

    [Fact]
    public void An_unknown_name_fails_with_a_suggestion_the_known_names_by_kind_and_the_list_command()
    {
        var error = Assert.Throws<PluginException>(() => Parse("fixture_l2"));

        Assert.Contains("Unknown plugin 'fixture_l2'", error.Message);
        Assert.Contains("Did you mean 'fixture_l1'?", error.Message);
        Assert.Contains("profilers: cache_only_profiler, throwing_profiler", error.Message);
        Assert.Contains("loss terms: ", error.Message);
        Assert.Contains("Run 'myxtts plugins list'", error.Message);
    }

    [Fact]
    public void An_unknown_name_of_a_stated_kind_lists_only_that_kind()
    {
        var error = Assert.Throws<PluginException>(() => Parse("profiler=cache_onyl_profiler"));

        Assert.Contains("Unknown profiler 'cache_onyl_profiler'", error.Message);
        Assert.Contains("Did you mean 'cache_only_profiler'?", error.Message);
        Assert.DoesNotContain("loss terms", error.Message);
    }

    [Fact]
    public void A_name_whose_plugin_failed_to_load_says_why()
    {
        var error = Assert.Throws<PluginException>(() => Parse("no_contract"));

        Assert.Contains("implements no extension point", error.Message);
    }

    [Fact]
    public void A_second_plugin_of_an_exclusive_kind_is_refused_naming_both()
    {
        var error = Assert.Throws<PluginException>(() => Parse("cache_only_profiler", "throwing_profiler"));

        Assert.Contains("Two profilers selected: 'cache_only_profiler' and 'throwing_profiler'", error.Message);
        Assert.Contains("profiler=none", error.Message);
    }

    [Fact]
    public void Kind_equals_none_selects_nothing_for_that_kind_and_conflicts_with_a_named_choice()
    {
        var selection = Parse("profiler=none", "fixture_encoder");

        Assert.Null(selection.Single(PluginKind.Profiler));
        Assert.Equal([PluginKind.Profiler], selection.ExplicitlyNone);
        Assert.Throws<PluginException>(() => Parse("profiler=none", "throwing_profiler"));
    }

    [Fact]
    public void Bare_none_means_none_for_every_exclusive_kind_not_chosen_by_name()
    {
        var selection = Parse("none", "cache_only_profiler");

        Assert.Equal("cache_only_profiler", selection.Single(PluginKind.Profiler)!.Name);
        Assert.Equal(new HashSet<PluginKind> { PluginKind.SpeakerEncoder, PluginKind.Vocoder, PluginKind.AsrEngine }, selection.ExplicitlyNone);
    }

    [Fact]
    public void A_plugin_named_under_the_wrong_kind_is_refused()
    {
        var error = Assert.Throws<PluginException>(() => Parse("vocoder=fixture_l1"));

        Assert.Contains("'fixture_l1' is a loss term, not a vocoder", error.Message);
        Assert.Matches("vocoders: [a-z_, ]*fixture_vocoder", error.Message);
    }

    [Fact]
    public void An_unknown_kind_lists_the_kinds()
    {
        var error = Assert.Throws<PluginException>(() => Parse("encoder=fixture_encoder"));

        Assert.Contains("speaker_encoder, vocoder, loss_term, profiler, metrics_sink", error.Message);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("summary", "summary", 0)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int expected) =>
        Assert.Equal(expected, NameSuggester.Distance(a, b));

    [Fact]
    public void Suggestions_include_names_the_typed_text_starts_and_skip_distant_ones()
    {
        Assert.Equal(["ecapa_tdnn"], NameSuggester.Close("ecapa", ["ecapa_tdnn", "resemblyzer", "hifigan"]));
        Assert.Empty(NameSuggester.Close("zzz", ["ecapa_tdnn", "resemblyzer"]));
    }
}
