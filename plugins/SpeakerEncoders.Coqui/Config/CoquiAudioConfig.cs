namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Config;

/// <summary>
/// The <c>audio</c> section of a Coqui encoder config, with Coqui's <c>BaseAudioConfig</c> defaults for absent keys.
/// Used by the waveform preprocessing (<c>AudioProcessor.load_wav</c>) and by the librosa-style mel of encoders without a
/// torch front end.
/// </summary>
internal sealed record CoquiAudioConfig
{
    public int SampleRate { get; init; } = 22050;
    public int FftSize { get; init; } = 1024;
    public int WinLength { get; init; } = 1024;
    public int HopLength { get; init; } = 256;
    public int NumMels { get; init; } = 80;
    public double Preemphasis { get; init; }
    public double MelFmin { get; init; }
    public double? MelFmax { get; init; }
    public string StftPadMode { get; init; } = "reflect";
    public double SpecGain { get; init; } = 20;
    public bool LogBase10 { get; init; } = true;
    public bool DoAmpToDbMel { get; init; } = true;
    public bool SignalNorm { get; init; } = true;
    public double MinLevelDb { get; init; } = -100;
    public double RefLevelDb { get; init; } = 20;
    public bool SymmetricNorm { get; init; } = true;
    public double MaxNorm { get; init; } = 4;
    public bool ClipNorm { get; init; } = true;
    public string? StatsPath { get; init; }
    public bool DoSoundNorm { get; init; }
    public bool DoRmsNorm { get; init; }
    public double DbLevel { get; init; } = -27;
    public bool DoTrimSilence { get; init; } = true;

    /// <summary>YourTTS' speaker-encoder audio settings, assumed for a file that carries no config (e.g. a bare safetensors).</summary>
    public static CoquiAudioConfig YourTtsDefaults { get; } = new()
    {
        SampleRate = 16000, FftSize = 512, WinLength = 400, HopLength = 160, NumMels = 64, Preemphasis = 0.97,
        MelFmax = 8000, SignalNorm = false, DoRmsNorm = true, DbLevel = -27, DoTrimSilence = false,
    };

    /// <summary>Reads <paramref name="audio"/> (the config's <c>audio</c> section).</summary>
    public static CoquiAudioConfig From(ConfigTree audio)
    {
        var defaults = new CoquiAudioConfig();
        int sampleRate = audio.Int("sample_rate", defaults.SampleRate);
        var (win, hop) = FrameLengths(audio, sampleRate, defaults);
        string logFunc = audio.String("log_func") ?? "np.log10";
        if (logFunc is not ("np.log10" or "np.log"))
            throw new InvalidDataException($"{audio.Source}: log_func '{logFunc}' is not supported; Coqui allows 'np.log10' or 'np.log'.");
        return new CoquiAudioConfig
        {
            SampleRate = sampleRate,
            FftSize = audio.Int("fft_size", defaults.FftSize),
            WinLength = win,
            HopLength = hop,
            NumMels = audio.Int("num_mels", defaults.NumMels),
            Preemphasis = audio.Double("preemphasis", defaults.Preemphasis),
            MelFmin = audio.Double("mel_fmin", defaults.MelFmin),
            MelFmax = audio.NullableDouble("mel_fmax"),
            StftPadMode = audio.String("stft_pad_mode") ?? defaults.StftPadMode,
            SpecGain = audio.Double("spec_gain", defaults.SpecGain),
            LogBase10 = logFunc == "np.log10",
            DoAmpToDbMel = audio.Bool("do_amp_to_db_mel", defaults.DoAmpToDbMel),
            SignalNorm = audio.Bool("signal_norm", defaults.SignalNorm),
            MinLevelDb = audio.Double("min_level_db", defaults.MinLevelDb),
            RefLevelDb = audio.Double("ref_level_db", defaults.RefLevelDb),
            SymmetricNorm = audio.Bool("symmetric_norm", defaults.SymmetricNorm),
            MaxNorm = audio.Double("max_norm", defaults.MaxNorm),
            ClipNorm = audio.Bool("clip_norm", defaults.ClipNorm),
            StatsPath = audio.String("stats_path"),
            DoSoundNorm = audio.Bool("do_sound_norm", defaults.DoSoundNorm),
            DoRmsNorm = audio.Bool("do_rms_norm", defaults.DoRmsNorm),
            DbLevel = audio.Double("db_level", defaults.DbLevel),
            DoTrimSilence = audio.Bool("do_trim_silence", defaults.DoTrimSilence),
        };
    }

    // Coqui derives win/hop from frame_length_ms / frame_shift_ms when hop_length is null.
    private static (int Win, int Hop) FrameLengths(ConfigTree audio, int sampleRate, CoquiAudioConfig defaults)
    {
        if (audio.Has("hop_length") || !audio.Has("frame_shift_ms"))
            return (audio.Int("win_length", defaults.WinLength), audio.Int("hop_length", defaults.HopLength));
        double lengthMs = audio.Double("frame_length_ms", 0), shiftMs = audio.Double("frame_shift_ms", 0);
        double factor = lengthMs / shiftMs;
        if (!(shiftMs > 0) || factor != Math.Floor(factor))
            throw new InvalidDataException($"{audio.Source}: frame_shift_ms ({shiftMs}) must divide frame_length_ms ({lengthMs}).");
        int win = (int)(lengthMs / 1000.0 * sampleRate);
        return (win, (int)(win / factor));
    }
}
