namespace MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

/// <summary>
/// A fact that compares against reference outputs in the folder named by <c>MYXTTS_PARITY_DIR</c> (the fixtures root).
/// Skipped, with the reason, when the variable is unset; a set variable pointing at a missing folder fails the test.
/// </summary>
public sealed class ParityFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <c>MYXTTS_PARITY_DIR</c> is unset.</summary>
    public ParityFactAttribute()
    {
        if (string.IsNullOrEmpty(ParityFixtures.Root))
            Skip = $"{ParityFixtures.EnvironmentVariable} is not set; point it at the parity fixtures folder to run this test.";
    }
}
