namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;

/// <summary>
/// A fact that compares against reference outputs in the folder named by <c>MYXTTS_PARITY_DIR</c>. Skipped, with the
/// reason, when the variable is unset; a set variable pointing at a missing folder fails the test instead.
/// </summary>
public sealed class ParityFactAttribute : FactAttribute
{
    public ParityFactAttribute()
    {
        if (string.IsNullOrEmpty(ParityFixtures.Root))
            Skip = $"{ParityFixtures.EnvironmentVariable} is not set; point it at the parity fixtures folder to run this test.";
    }
}

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="ParityFactAttribute"/>.</summary>
public sealed class ParityTheoryAttribute : TheoryAttribute
{
    public ParityTheoryAttribute()
    {
        if (string.IsNullOrEmpty(ParityFixtures.Root))
            Skip = $"{ParityFixtures.EnvironmentVariable} is not set; point it at the parity fixtures folder to run this test.";
    }
}
