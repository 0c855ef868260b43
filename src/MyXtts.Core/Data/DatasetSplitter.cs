namespace MyXtts.Core.Data;

/// <summary>Seeded train/validation split and subset sampling, stable for a given seed and input order.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Splits <paramref name="items"/> into train and validation with <paramref name="validationFraction"/> of the
    /// items (at least one when there are two or more) in validation. Every speaker with two or more utterances keeps at
    /// least one in training, so validation never asks the model for a voice it has never heard.
    /// </summary>
    public static (IReadOnlyList<DatasetItem> Train, IReadOnlyList<DatasetItem> Validation) Split(
        IReadOnlyList<DatasetItem> items, double validationFraction, int seed)
    {
        if (validationFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "data.val_split must be in [0, 1).");
        var order = Shuffle(items.Count, seed);
        var wanted = items.Count < 2 || validationFraction == 0 ? 0 : Math.Max(1, (int)Math.Round(items.Count * validationFraction));
        var remaining = items.GroupBy(i => i.Speaker).ToDictionary(g => g.Key, g => g.Count());
        var validation = new HashSet<int>();
        foreach (var index in order)
        {
            if (validation.Count == wanted) break;
            var speaker = items[index].Speaker;
            if (remaining[speaker] < 2) continue;
            remaining[speaker]--;
            validation.Add(index);
        }
        var train = new List<DatasetItem>();
        var val = new List<DatasetItem>();
        for (var i = 0; i < items.Count; i++) (validation.Contains(i) ? val : train).Add(items[i]);
        return (train, val);
    }

    /// <summary>A seeded sample of <paramref name="fraction"/> of the items (at least one), in their original order.</summary>
    public static IReadOnlyList<DatasetItem> Subset(IReadOnlyList<DatasetItem> items, double fraction, int seed)
    {
        if (fraction is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "subset fractions must be in (0, 1].");
        if (fraction == 1 || items.Count == 0) return items;
        var keep = Math.Max(1, (int)Math.Round(items.Count * fraction));
        var chosen = Shuffle(items.Count, seed).Take(keep).Order().ToList();
        return chosen.Select(i => items[i]).ToList();
    }

    private static int[] Shuffle(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
