using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio.Resampling;
using Serilog;

namespace MyXtts.Core.Evaluation.Asr;

/// <summary>
/// CMU PocketSphinx through Debian's <c>pocketsphinx_batch</c> program: clips are resampled to 16 kHz with
/// <see cref="SincResampler"/> and decoded by <see cref="PocketSphinxOptions.Jobs"/> processes, each loading the model
/// once for its share. A separate process keeps a decoder crash out of the host; the model load (1 to 5 s with the
/// generic LM) is paid once per batch, so callers should pass whole sets. Reports itself unavailable, with the install
/// command, when the program or model is missing.
/// </summary>
[Plugin("pocketsphinx", Options = typeof(PocketSphinxOptions),
    Summary = "CMU PocketSphinx (Debian pocketsphinx + pocketsphinx-en-us), US English, generic or in-domain LM; for WER/CER")]
public sealed class PocketSphinxEngine : IAsrEngine, IDisposable
{
    private const int DecoderRate = 16000;
    private readonly PocketSphinxOptions _options;
    private readonly string? _ownedLanguageModel;
    private readonly ILogger _log;

    /// <summary>Creates the engine; nothing is started until <see cref="Transcribe"/>.</summary>
    public PocketSphinxEngine(PocketSphinxOptions options, ILogger? log = null) : this(options, null, log) { }

    private PocketSphinxEngine(PocketSphinxOptions options, string? ownedLanguageModel, ILogger? log)
    {
        options.Validate();
        _options = options;
        _ownedLanguageModel = ownedLanguageModel;
        _log = log ?? Serilog.Core.Logger.None;
        UnavailableReason = PocketSphinxInstallation.Problem(options);
    }

    /// <summary>
    /// An engine decoding with a bigram LM built from <paramref name="sentences"/> (e.g. every sentence of the dataset),
    /// restricted to the words of the model's dictionary. The LM file is deleted when the engine is disposed. When
    /// PocketSphinx is missing, the engine is returned unavailable with the reason.
    /// </summary>
    public static PocketSphinxEngine WithInDomainLanguageModel(PocketSphinxOptions options, IEnumerable<string> sentences, ILogger? log = null)
    {
        if (PocketSphinxInstallation.Problem(options) is not null) return new PocketSphinxEngine(options, log);
        var path = Path.Combine(Path.GetTempPath(), $"myxtts-lm-{Guid.NewGuid():N}.arpa");
        var (unigrams, bigrams) = ArpaBigramWriter.Write(path, sentences, PronunciationDictionary.ReadWords(options.Dictionary));
        (log ?? Serilog.Core.Logger.None).Information("In-domain language model: {Unigrams} words, {Bigrams} bigrams in {Path}", unigrams, bigrams, path);
        return new PocketSphinxEngine(options with { LanguageModel = path }, path, log);
    }

    /// <inheritdoc />
    public string? UnavailableReason { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Transcribe(IReadOnlyList<AudioClip> clips)
    {
        if (UnavailableReason is not null) throw new InvalidOperationException(UnavailableReason);
        if (clips.Count == 0) return [];
        var program = PocketSphinxInstallation.FindProgram(_options.Program)!;
        float[][] audio;
        using (var resampler = new SincResampler())
            audio = clips.Select(c => resampler.Resample(c.Samples, c.SampleRate, DecoderRate)).ToArray();
        var work = Path.Combine(Path.GetTempPath(), $"myxtts-asr-{Guid.NewGuid():N}");
        try
        {
            int jobs = Math.Min(_options.Jobs, clips.Count);
            var results = new string[clips.Count];
            Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = jobs }, job =>
            {
                var mine = Enumerable.Range(0, clips.Count).Where(i => i % jobs == job).ToArray();
                var texts = PocketSphinxBatchRun.Decode(program, _options, mine.Select(i => audio[i]).ToArray(), Path.Combine(work, $"job{job}"));
                for (int k = 0; k < mine.Length; k++) results[mine[k]] = texts[k];
            });
            _log.Debug("PocketSphinx decoded {Clips} clips with {Jobs} processes", clips.Count, jobs);
            return results;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Deletes the in-domain LM file this engine wrote, if any.</summary>
    public void Dispose()
    {
        if (_ownedLanguageModel is not null && File.Exists(_ownedLanguageModel)) File.Delete(_ownedLanguageModel);
    }
}
