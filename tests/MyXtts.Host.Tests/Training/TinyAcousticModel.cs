namespace MyXtts.Host.Tests.Training;

/// <summary>
/// <c>--set</c> flags that shrink every part of the acoustic model to a few thousand parameters, so command tests train
/// and synthesize in about a second. The preset sizes are what users train; these only exercise the wiring.
/// </summary>
internal static class TinyAcousticModel
{
    public static readonly string[] Flags = Set(
        "model.text_encoder_dim=16", "model.text_encoder_layers=1", "model.text_encoder_heads=2",
        "model.audio_encoder_dim=16", "model.audio_encoder_layers=1", "model.audio_encoder_heads=2",
        "model.decoder_dim=16", "model.decoder_layers=1", "model.decoder_heads=2",
        "model.speaker_embedding_dim=16", "model.num_conditioning_latents=4", "model.gst_num_tokens=4", "model.voice_conditioning_layers=1");

    private static string[] Set(params string[] assignments) => assignments.SelectMany(a => new[] { "--set", a }).ToArray();
}
