using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>Checks that involve more than one key; each message names every key involved and where it came from.</summary>
public static class CrossFieldRules
{
    public static void Check(MyXttsSettings s, Func<string, ConfigSource> sourceOf, List<string> problems)
    {
        string Key(string k) => $"{k} ({sourceOf(k.Replace('.', ':'))})";
        void Divides(string dim, int dimValue, string heads, int headsValue)
        {
            if (headsValue > 0 && dimValue % headsValue != 0)
                problems.Add($"{Key(dim)} = {dimValue} is not divisible by {Key(heads)} = {headsValue}; pick heads that divide the width (e.g. {LargestDivisorAtMost(dimValue, headsValue)}).");
        }
        var m = s.Model;
        Divides("model.text_encoder_dim", m.TextEncoderDim, "model.text_encoder_heads", m.TextEncoderHeads);
        Divides("model.audio_encoder_dim", m.AudioEncoderDim, "model.audio_encoder_heads", m.AudioEncoderHeads);
        Divides("model.decoder_dim", m.DecoderDim, "model.decoder_heads", m.DecoderHeads);
        if (m.WinLength > m.NFft)
            problems.Add($"{Key("model.win_length")} = {m.WinLength} is larger than {Key("model.n_fft")} = {m.NFft}; the window must fit in the FFT.");
        if (m.MelFmax > m.SampleRate / 2.0)
            problems.Add($"{Key("model.mel_fmax")} = {m.MelFmax} is above half of {Key("model.sample_rate")} = {m.SampleRate}; use at most {m.SampleRate / 2}.");
        if (m.MelFmin >= m.MelFmax)
            problems.Add($"{Key("model.mel_fmin")} = {m.MelFmin} must be below {Key("model.mel_fmax")} = {m.MelFmax}.");
        var d = s.Data;
        if (d.TrainSplit + d.ValSplit > 1.0 + 1e-9)
            problems.Add($"{Key("data.train_split")} = {d.TrainSplit} plus {Key("data.val_split")} = {d.ValSplit} exceeds 1.");
    }

    private static int LargestDivisorAtMost(int value, int limit)
    {
        for (var h = Math.Min(limit, value); h > 1; h--) if (value % h == 0) return h;
        return 1;
    }
}
