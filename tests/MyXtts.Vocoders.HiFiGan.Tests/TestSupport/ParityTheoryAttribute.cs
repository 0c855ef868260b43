namespace MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

/// <summary>A theory over parity fixtures; skipped with the reason when <c>MYXTTS_PARITY_DIR</c> is unset.</summary>
public sealed class ParityTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <c>MYXTTS_PARITY_DIR</c> is unset.</summary>
    public ParityTheoryAttribute()
    {
        if (string.IsNullOrEmpty(ParityFixtures.Root))
            Skip = $"{ParityFixtures.EnvironmentVariable} is not set; point it at the parity fixtures folder to run this test.";
    }
}
