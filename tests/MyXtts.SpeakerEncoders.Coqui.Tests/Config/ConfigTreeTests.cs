using MyXtts.Plugins.SpeakerEncoders.Coqui.Config;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.Config;

public sealed class ConfigTreeTests
{
    [Fact]
    public void Integers_in_a_json_config_read_as_integers_and_fractions_as_numbers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"config_se-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "audio": { "sample_rate": 16000, "preemphasis": 0.97 } }""");
        try
        {
            var audio = ConfigTree.FromJsonFile(path).Section("audio");

            Assert.Equal(16000, audio.Int("sample_rate", 0));
            Assert.Equal(0.97, audio.Double("preemphasis", 0));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
