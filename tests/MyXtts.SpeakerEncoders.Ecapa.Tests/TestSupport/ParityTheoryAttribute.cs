namespace MyXtts.SpeakerEncoders.Ecapa.Tests.TestSupport;

/// <summary>The theory form of <see cref="ParityFactAttribute"/>.</summary>
public sealed class ParityTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <c>MYXTTS_PARITY_DIR</c> is unset.</summary>
    public ParityTheoryAttribute()
    {
        if (string.IsNullOrEmpty(EcapaFixtures.Root))
            Skip = $"{EcapaFixtures.EnvironmentVariable} is not set; point it at the parity fixtures folder to run this test.";
    }
}
