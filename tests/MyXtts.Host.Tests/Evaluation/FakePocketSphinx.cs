namespace MyXtts.Host.Tests.Evaluation;

/// <summary>
/// A stand-in for <c>pocketsphinx_batch</c> and its model folder, so command tests exercise the whole ASR path
/// (options, in-domain language model, batch files, hypothesis parsing, scoring) in milliseconds and without the
/// Debian packages: the program "hears" every clip as <see cref="Heard"/>.
/// </summary>
internal static class FakePocketSphinx
{
    public const string Heard = "the birch canoe";

    /// <summary>Writes the program and model folder under <paramref name="folder"/>; returns the <c>--set</c> flags that select them.</summary>
    public static string[] Install(string folder)
    {
        var model = Directory.CreateDirectory(Path.Combine(folder, "model")).FullName;
        Directory.CreateDirectory(Path.Combine(model, "en-us"));
        File.WriteAllText(Path.Combine(model, "en-us.lm.bin"), "");
        var words = new[] { "the", "birch", "canoe", "slid", "on", "smooth", "planks", "glue", "sheet", "to", "dark", "blue", "background" };
        File.WriteAllLines(Path.Combine(model, "cmudict-en-us.dict"), words.Select(w => $"{w} AH"));
        var program = Path.Combine(folder, "fake_pocketsphinx_batch");
        File.WriteAllText(program, $$"""
            #!/bin/sh
            while [ $# -gt 0 ]; do
              case "$1" in -ctl) ctl="$2"; shift;; -hyp) hyp="$2"; shift;; esac
              shift
            done
            : > "$hyp"
            while read -r id; do echo "{{Heard}} ($id -100)" >> "$hyp"; done < "$ctl"
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return ["--set", $"plugins:pocketsphinx:Program={program}", "--set", $"plugins:pocketsphinx:ModelDirectory={model}"];
    }
}
