namespace MyXtts.Core.Text;

/// <summary>
/// Everything needed to turn text into the ids a model was trained on. Saved in every checkpoint (as JSON) so that
/// inference tokenizes exactly like training; ids are positions in <see cref="Symbols"/>.
/// </summary>
public sealed record TokenizerDefinition
{
    /// <summary>"characters" or "phonemes".</summary>
    public required string Kind { get; init; }
    /// <summary>Language code given to cleaners and the phonemizer (e.g. "en", "de").</summary>
    public string Language { get; init; } = "en";
    /// <summary>Cleaner names run before tokenization (see <see cref="TextCleaners.Names"/>).</summary>
    public IReadOnlyList<string> Cleaners { get; init; } = ["english_cleaners"];
    /// <summary>The vocabulary; the id of a symbol is its index. The first entries are the special tokens.</summary>
    public required IReadOnlyList<string> Symbols { get; init; }
    /// <summary>Insert the blank token between every two symbols (as VITS/Glow-TTS do).</summary>
    public bool AddBlank { get; init; }
    /// <summary>Wrap each sequence in BOS/EOS.</summary>
    public bool AddBosEos { get; init; } = true;
    /// <summary>Phonemizer identity (e.g. "espeak-ng 1.51"), null for characters.</summary>
    public string? Phonemizer { get; init; }

    /// <summary>Special tokens, always the first four ids.</summary>
    public const string Pad = "<pad>", Bos = "<bos>", Eos = "<eos>", Blank = "<blank>";
    /// <summary>Id of <see cref="Pad"/>.</summary>
    public const int PadId = 0;
    /// <summary>Id of <see cref="Bos"/>.</summary>
    public const int BosId = 1;
    /// <summary>Id of <see cref="Eos"/>.</summary>
    public const int EosId = 2;
    /// <summary>Id of <see cref="Blank"/>.</summary>
    public const int BlankId = 3;

    /// <summary>Describes the first difference from <paramref name="other"/> (for checkpoint compatibility errors), or null.</summary>
    public string? DescribeMismatch(TokenizerDefinition other)
    {
        if (Kind != other.Kind) return $"tokenizer kind {Kind} vs {other.Kind}";
        if (AddBlank != other.AddBlank) return $"add_blank {AddBlank} vs {other.AddBlank}";
        if (AddBosEos != other.AddBosEos) return $"add_bos_eos {AddBosEos} vs {other.AddBosEos}";
        if (!Symbols.SequenceEqual(other.Symbols)) return $"vocabulary of {Symbols.Count} vs {other.Symbols.Count} symbols (first difference at id {FirstDifference(Symbols, other.Symbols)})";
        return null;
    }

    private static int FirstDifference(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }
}
