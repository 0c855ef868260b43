using System.Diagnostics;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Audio;
using MyXtts.Core.Data.Sample;
using MyXtts.Core.Evaluation.Asr;
using MyXtts.Core.Evaluation.Intelligibility;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Evaluation;

public class PocketSphinxEngineTests
{
    [Fact]
    public void A_missing_program_makes_the_engine_unavailable_with_the_install_command()
    {
        using var engine = new PocketSphinxEngine(new PocketSphinxOptions { Program = "pocketsphinx_batch_that_is_not_installed" });
        Assert.Contains("apt-get install pocketsphinx pocketsphinx-en-us", engine.UnavailableReason);
        Assert.Throws<InvalidOperationException>(() => engine.Transcribe([new AudioClip(new float[16000], 16000)]));
    }

    [Fact]
    public void A_missing_model_folder_is_named_in_the_reason()
    {
        var options = new PocketSphinxOptions { Program = "/bin/sh", ModelDirectory = "/nonexistent/model" };
        Assert.Contains("/nonexistent/model", PocketSphinxInstallation.Problem(options));
    }

    [Fact]
    public void Hypothesis_lines_are_read_by_id_including_empty_ones()
    {
        var parsed = PocketSphinxBatchRun.Parse(["the birch canoe (u000000 -14209)", " (u000001 -300)", "noise"]);
        Assert.Equal("the birch canoe", parsed["u000000"]);
        Assert.Equal("", parsed["u000001"]);
        Assert.Equal(2, parsed.Count);
    }

    [SkippableFact]
    public void Espeak_ng_harvard_sentences_are_recognised_with_the_in_domain_language_model()
    {
        var problem = PocketSphinxInstallation.Problem(new PocketSphinxOptions());
        Skip.If(problem is not null, problem);
        Skip.If(PocketSphinxInstallation.FindProgram("espeak-ng") is null, "espeak-ng is not installed (sudo apt-get install espeak-ng).");
        string[] sentences = ["The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background."];
        using var folder = new TempDirectory();
        var clips = sentences.Select((s, i) => Speak(s, folder.File($"s{i}.wav"))).ToArray();

        using var engine = PocketSphinxEngine.WithInDomainLanguageModel(new PocketSphinxOptions(), SampleSentences.All);
        var transcripts = engine.Transcribe(clips);

        var errors = sentences.Select((s, i) => ErrorRates.Measure(s, transcripts[i]).Words).ToArray();
        double wer = (double)errors.Sum(e => e.Errors) / errors.Sum(e => e.ReferenceLength);
        // espeak-ng's formant voice is far from PocketSphinx's training speech: about 0.3 to 0.4 is typical here; silence or
        // a wrong clip order scores near 1.
        Assert.True(wer <= 0.6, $"WER {wer:F2}: '{transcripts[0]}' / '{transcripts[1]}'");
    }

    private static AudioClip Speak(string text, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("espeak-ng", ["-v", "en-us", "-s", "130", "-w", path, text])
            { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        var (samples, rate) = AudioFileReader.ReadMono(path);
        return new AudioClip(samples, rate);
    }
}
