using System.Text.Json.Nodes;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Inference;
using MyXtts.Core.Models;
using MyXtts.Core.Runtime;
using MyXtts.Core.Tests.Models;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Tests.Training;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using Serilog.Core;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Inference;

/// <summary>Checkpoints written before the pitch and energy predictors existed (their configuration does not name them).</summary>
[Collection(TrainingCollection.Name)]
public sealed class PredictorlessCheckpointTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("myxtts-old-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ModelSettings Tiny(bool predictors) => new()
    {
        TextEncoderDim = 32, TextEncoderLayers = 1, TextEncoderHeads = 2, AudioEncoderDim = 32, AudioEncoderLayers = 1, AudioEncoderHeads = 2,
        DecoderDim = 32, DecoderLayers = 2, DecoderHeads = 2, SpeakerEmbeddingDim = 16, NumConditioningLatents = 4, VoiceConditioningLayers = 1,
        GstNumTokens = 4, TokenizerType = "characters", UsePitchPredictor = predictors, UseEnergyPredictor = predictors,
    };

    /// <summary>A checkpoint of a model without predictors; <paramref name="nameKeys"/> false writes the configuration as older versions did.</summary>
    private string Write(bool nameKeys)
    {
        ModelTestSupport.Seed(2);
        var model = Tiny(predictors: false);
        var tokenizer = TokenizerBuilder.Build(model, new DataSettings(), ["the birch canoe slid on the smooth planks"], Logger.None);
        using var acoustic = AcousticModels.Create(model, tokenizer.Definition.Symbols.Count);
        var mel = randn(1, 80, 40) - 4;
        ((IDataInitializedModel)acoustic).InitializeFrom([new TrainingBatch
        {
            Ids = ["a"], Tokens = ones(1, 3, dtype: ScalarType.Int64), TokenLengths = tensor(new long[] { 3 }), Mel = mel, MelLengths = tensor(new long[] { 40 }),
            SpeakerIds = zeros(1, dtype: ScalarType.Int64), ReferenceMel = mel, ReferenceMelLengths = tensor(new long[] { 40 }),
        }]);
        var settings = new MyXttsSettings { Model = model, Data = new DataSettings { TrimSilence = false } };
        var json = (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new
        {
            model = new
            {
                text_encoder_dim = 32, text_encoder_layers = 1, text_encoder_heads = 2, audio_encoder_dim = 32, audio_encoder_layers = 1, audio_encoder_heads = 2,
                decoder_dim = 32, decoder_layers = 2, decoder_heads = 2, speaker_embedding_dim = 16, num_conditioning_latents = 4, voice_conditioning_layers = 1,
                gst_num_tokens = 4, tokenizer_type = "characters",
            },
            data = new { trim_silence = false },
        }))!;
        if (nameKeys) { json["model"]!["use_pitch_predictor"] = true; json["model"]!["use_energy_predictor"] = true; }
        var path = Path.Combine(_root, nameKeys ? "new.ckpt" : "old.ckpt");
        using var optimizer = optim.Adam(acoustic.Module.parameters());
        TrainingCheckpoint.Write(path, new CheckpointManifest
        {
            Progress = new TrainingProgress(), LossScaler = new LossScalerState(1, 0), Scheduler = "constant", Optimizer = "adam",
            Model = acoustic.Description, Shapes = CheckpointCompatibility.Shapes(acoustic.Module), Configuration = json.ToJsonString(),
            Tokenizer = tokenizer.Definition, Mel = settings.Model.ToMelSettings(), CodeVersion = "before-prosody",
        }, acoustic.Module, optimizer);
        return path;
    }

    private static SynthesizerOptions FastVocoder() =>
        new() { Vocoder = new GriffinLimVocoder(new GriffinLimOptions { Iterations = 2, NnlsIterations = 2 }, new ModelSettings().ToMelSettings()) };

    [Fact]
    public void A_checkpoint_from_before_the_predictors_loads_without_them_and_speaks()
    {
        var reference = Path.Combine(_root, "ref.wav");
        WavWriter.Write(reference, Signals.Harmonic(150, 5, 22050, 22050), 22050);
        using var tts = SpeechSynthesizer.Load(Write(nameKeys: false), FastVocoder());

        Assert.False(tts.Settings.Model.UsePitchPredictor);
        Assert.False(tts.Settings.Model.UseEnergyPredictor);
        Assert.Contains("variance off", tts.ModelDescription);
        var result = tts.Synthesize("the birch canoe", tts.LoadReference(reference));
        Assert.True(result.Samples.Length > 0);
    }

    [Fact]
    public void A_configuration_that_asks_for_predictors_the_weights_lack_fails_naming_the_settings()
    {
        var error = Assert.Throws<CheckpointException>(() => SpeechSynthesizer.Load(Write(nameKeys: true), FastVocoder()));
        Assert.Contains("variance_adaptor.pitch_predictor", error.Message);
        Assert.Contains("model.use_pitch_predictor=false", error.Message);
    }
}
