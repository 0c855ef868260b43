namespace MyXtts.Checkpoints.Tests.TestSupport;

/// <summary>
/// A fact that reads the parity fixtures in the folder named by <c>MYXTTS_PARITY_DIR</c>. Skipped, with the reason, when
/// the variable is unset; a set variable pointing at a missing folder fails the test instead.
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
