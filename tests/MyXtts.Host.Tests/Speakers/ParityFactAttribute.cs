namespace MyXtts.Host.Tests.Speakers;

/// <summary>
/// A fact that needs the parity fixtures (random-weight checkpoints) in the folder named by <c>MYXTTS_PARITY_DIR</c>;
/// skipped with the reason when the variable is unset.
/// </summary>
public sealed class ParityFactAttribute : FactAttribute
{
    public ParityFactAttribute()
    {
        if (string.IsNullOrEmpty(EncoderFixtures.Root)) Skip = EncoderFixtures.SkipReason;
    }
}

/// <summary>A theory over fixture checkpoints; skipped like <see cref="ParityFactAttribute"/>.</summary>
public sealed class ParityTheoryAttribute : TheoryAttribute
{
    public ParityTheoryAttribute()
    {
        if (string.IsNullOrEmpty(EncoderFixtures.Root)) Skip = EncoderFixtures.SkipReason;
    }
}
