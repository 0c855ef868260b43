namespace MyXtts.Core.Evaluation.Asr;

/// <summary>Where PocketSphinx and its US English model live (Debian's pocketsphinx and pocketsphinx-en-us packages by default).</summary>
public sealed record PocketSphinxOptions
{
    /// <summary>The batch decoder program, a name looked up on PATH or a path.</summary>
    public string Program { get; init; } = "pocketsphinx_batch";

    /// <summary>The model folder holding the acoustic model <c>en-us/</c>, <c>en-us.lm.bin</c> and <c>cmudict-en-us.dict</c>.</summary>
    public string ModelDirectory { get; init; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>A language model (ARPA text or .lm.bin); null = the model folder's generic <c>en-us.lm.bin</c>.</summary>
    public string? LanguageModel { get; init; }

    /// <summary>Decoder processes run side by side, each on a share of the clips (each loads the model once).</summary>
    public int Jobs { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Seconds one decoder process may run before it is killed.</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>Acoustic model folder.</summary>
    public string AcousticModel => Path.Combine(ModelDirectory, "en-us");

    /// <summary>Pronunciation dictionary.</summary>
    public string Dictionary => Path.Combine(ModelDirectory, "cmudict-en-us.dict");

    /// <summary>The language model in use.</summary>
    public string EffectiveLanguageModel => LanguageModel ?? Path.Combine(ModelDirectory, "en-us.lm.bin");

    /// <summary>Throws naming the key when a value is out of range.</summary>
    public void Validate()
    {
        if (Jobs < 1) throw new ArgumentOutOfRangeException(nameof(Jobs), Jobs, "plugins:pocketsphinx:Jobs must be at least 1.");
        if (TimeoutSeconds < 1)
            throw new ArgumentOutOfRangeException(nameof(TimeoutSeconds), TimeoutSeconds, "plugins:pocketsphinx:TimeoutSeconds must be at least 1.");
    }
}
