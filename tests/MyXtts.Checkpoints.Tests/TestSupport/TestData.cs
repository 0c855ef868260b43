namespace MyXtts.Checkpoints.Tests.TestSupport;

/// <summary>The checkpoint files under TestData (written by torch 1.13, see TestData/generate.py).</summary>
public static class TestData
{
    /// <summary>The path of <paramref name="name"/> in the test output's TestData folder.</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
