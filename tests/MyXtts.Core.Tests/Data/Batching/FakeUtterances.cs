using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Cache;

namespace MyXtts.Core.Tests.Data.Batching;

/// <summary>
/// Utterances with known token counts, frame counts and mel values (value = item index + band / 100), and when asked an
/// F0 track (100 Hz + 10 × item index + frame) for the items <paramref name="pitched"/> accepts.
/// </summary>
internal sealed class FakeUtterances(int[] tokenCounts, int[] frameCounts, string[] speakers, int nMels = 3, Func<int, bool>? pitched = null) : IUtteranceSource
{
    public int FeatureCalls;

    public int Count => tokenCounts.Length;
    public int[] Tokens(int index) => Enumerable.Range(10, tokenCounts[index]).ToArray();
    public string Speaker(int index) => speakers[index];
    public string Id(int index) => $"u{index}";

    public FeatureSet Features(int index)
    {
        Interlocked.Increment(ref FeatureCalls);
        var frames = frameCounts[index];
        var mel = new float[nMels * frames];
        for (var m = 0; m < nMels; m++)
            for (var t = 0; t < frames; t++) mel[m * frames + t] = index + m / 100f + t / 10000f;
        var arrays = new Dictionary<string, (int[], float[])> { [FeatureSet.Mel] = ([nMels, frames], mel) };
        if (pitched?.Invoke(index) == true) arrays[FeatureSet.Pitch] = ([frames], Enumerable.Range(0, frames).Select(t => 100f + 10 * index + t).ToArray());
        return new FeatureSet { Samples = frames * 256L, Arrays = arrays };
    }
}
