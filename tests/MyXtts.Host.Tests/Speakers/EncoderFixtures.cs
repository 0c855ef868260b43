namespace MyXtts.Host.Tests.Speakers;

/// <summary>The speaker encoder checkpoints of the parity fixtures (<c>$MYXTTS_PARITY_DIR/&lt;folder&gt;/&lt;file&gt;</c>).</summary>
internal static class EncoderFixtures
{
    public const string EnvironmentVariable = "MYXTTS_PARITY_DIR";

    public static string? Root => Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static string SkipReason => $"{EnvironmentVariable} is not set; point it at the parity fixtures folder to run this test.";

    /// <summary>The checkpoint of fixture <paramref name="fixture"/>; fails naming the path when it is missing.</summary>
    public static string Checkpoint(string fixture)
    {
        var file = fixture switch
        {
            "ecapa_tdnn" => "embedding_model.ckpt",
            "resemblyzer" => "pretrained.pt",
            "coqui_resnet" or "coqui_lstm" => "model_se.pth",
            _ => throw new ArgumentOutOfRangeException(nameof(fixture), fixture, "No such speaker encoder fixture."),
        };
        var path = Path.Combine(Root ?? throw new InvalidOperationException(SkipReason), fixture, file);
        if (!File.Exists(path)) throw new FileNotFoundException($"Fixture checkpoint {path} does not exist ({EnvironmentVariable}={Root}).", path);
        return path;
    }

    /// <summary>The plugin that reads fixture <paramref name="fixture"/>.</summary>
    public static string EncoderType(string fixture) => fixture.StartsWith("coqui", StringComparison.Ordinal) ? "coqui" : fixture;
}
