namespace MyXtts.Core.Evaluation.Asr;

/// <summary>Finds the PocketSphinx program and model files, or says what is missing and how to install it.</summary>
public static class PocketSphinxInstallation
{
    /// <summary>The Debian command that installs the engine and its model.</summary>
    public const string InstallCommand = "sudo apt-get install pocketsphinx pocketsphinx-en-us";

    /// <summary>The program's full path, or null when it is not found.</summary>
    public static string? FindProgram(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? Path.GetFullPath(program) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Null when everything <paramref name="options"/> names exists; otherwise the first problem and the fix.</summary>
    public static string? Problem(PocketSphinxOptions options)
    {
        if (FindProgram(options.Program) is null)
            return $"PocketSphinx is not installed: '{options.Program}' was not found on PATH. Install it with: {InstallCommand}";
        if (!Directory.Exists(options.AcousticModel))
            return $"The PocketSphinx US English model is missing: no folder {options.AcousticModel}. Install it with: {InstallCommand} " +
                   "(or set plugins:pocketsphinx:ModelDirectory).";
        if (!File.Exists(options.Dictionary))
            return $"The PocketSphinx dictionary {options.Dictionary} is missing. Install it with: {InstallCommand}";
        if (!File.Exists(options.EffectiveLanguageModel))
            return $"The language model {options.EffectiveLanguageModel} does not exist. " +
                   (options.LanguageModel is null ? $"Install it with: {InstallCommand}" : "Fix plugins:pocketsphinx:LanguageModel.");
        return null;
    }
}
