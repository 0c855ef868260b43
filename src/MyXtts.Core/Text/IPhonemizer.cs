namespace MyXtts.Core.Text;

/// <summary>Text to phonemes (IPA) for one language.</summary>
public interface IPhonemizer
{
    /// <summary>Name and version, stored in the tokenizer definition (e.g. "espeak-ng 1.51").</summary>
    string Identity { get; }

    /// <summary>IPA for <paramref name="text"/>, words separated by spaces, punctuation kept in place.</summary>
    string Phonemize(string text, string language);
}
