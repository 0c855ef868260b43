namespace MyXtts.Core.Data.Batching;

/// <summary>Names of the tensors the data pipeline puts in <c>TrainingBatch.Extra</c>, beside the named fields.</summary>
public static class BatchExtraKeys
{
    /// <summary>
    /// [B, T] float F0 in Hz per mel frame from <see cref="Audio.Pitch.YinPitchTracker"/> (0 where unvoiced and on padding),
    /// frame t aligned with mel frame t. Present when the features carry <see cref="Cache.FeatureSet.Pitch"/>.
    /// </summary>
    public const string Pitch = "pitch";
}
