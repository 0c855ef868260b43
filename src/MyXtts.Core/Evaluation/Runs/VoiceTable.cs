using System.Globalization;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>One row of a sample corpus's <c>voices.tsv</c>: the engine voice behind a speaker id.</summary>
public sealed record VoiceRow(string Speaker, string Engine, string Voice, string Pitch, double Rate, string Description);

/// <summary>
/// The <c>voices.tsv</c> that <c>myxtts dataset make-sample</c> writes (<c>speaker engine voice pitch rate description</c>),
/// and the tempo twins in it: speakers with the same engine, voice and pitch but another rate, i.e. the same timbre at two
/// speaking rates. Their ground-truth duration ratio is what a rate-cloning model should reproduce.
/// </summary>
public sealed record VoiceTable(IReadOnlyList<VoiceRow> Rows)
{
    /// <summary>The file name in a dataset folder.</summary>
    public const string FileName = "voices.tsv";

    /// <summary>Reads <c>voices.tsv</c> from the first of <paramref name="folders"/> that has one; null when none does.</summary>
    public static VoiceTable? Find(params string[] folders) =>
        folders.Select(f => Path.Combine(f, FileName)).Where(File.Exists).Select(Read).FirstOrDefault();

    /// <summary>Parses a voices table; lines that do not have six tab-separated columns (the header) are skipped.</summary>
    public static VoiceTable Read(string path)
    {
        var rows = new List<VoiceRow>();
        foreach (var line in File.ReadLines(path))
        {
            var c = line.Split('\t');
            if (c.Length < 6 || !double.TryParse(c[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)) continue;
            rows.Add(new VoiceRow(c[0].Trim(), c[1].Trim(), c[2].Trim(), c[3].Trim(), rate, c[5].Trim()));
        }
        return new VoiceTable(rows);
    }

    /// <summary>Pairs (first, second) of speakers sharing engine, voice and pitch at different rates, in table order.</summary>
    public IReadOnlyList<(string First, string Second)> TempoTwins()
    {
        var pairs = new List<(string, string)>();
        for (var i = 0; i < Rows.Count; i++)
            for (var j = i + 1; j < Rows.Count; j++)
                if (Rows[i].Engine == Rows[j].Engine && Rows[i].Voice == Rows[j].Voice && Rows[i].Pitch == Rows[j].Pitch && Rows[i].Rate != Rows[j].Rate)
                    pairs.Add((Rows[i].Speaker, Rows[j].Speaker));
        return pairs;
    }
}
