using System.Text;
using MyXtts.Core.Audio.Wav;

namespace MyXtts.Host.Tests.Training;

/// <summary>
/// An LJSpeech-layout dataset of short tones: two speakers (spk1/spk2, by pitch), lengths between 0.35 and 0.6 s, a
/// transcript per clip. Enough for the data pipeline and a few training steps.
/// </summary>
internal static class TinyDataset
{
    public static string Write(string folder, int clips = 8)
    {
        var wavs = Directory.CreateDirectory(Path.Combine(folder, "wavs")).FullName;
        var metadata = new StringBuilder();
        string[] words = ["the birch canoe", "slid on the", "smooth planks", "glue the sheet", "to the dark", "blue background"];
        for (var i = 0; i < clips; i++)
        {
            var speaker = i % 2 == 0 ? "spk1" : "spk2";
            var id = $"{speaker}_{i:D3}";
            var samples = new float[(int)(22050 * (0.35 + 0.05 * (i % 6)))];
            var frequency = speaker == "spk1" ? 180.0 : 260.0;
            for (var n = 0; n < samples.Length; n++) samples[n] = (float)(0.3 * Math.Sin(2 * Math.PI * frequency * (1 + 0.2 * (i % 3)) * n / 22050));
            WavWriter.Write(Path.Combine(wavs, id + ".wav"), samples, 22050);
            metadata.Append(id).Append('|').Append(words[i % words.Length]).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, "metadata.csv"), metadata.ToString());
        return folder;
    }
}
