namespace MyXtts.Host.Speakers;

/// <summary>Short, unique names for clips: the file name without extension, numbered when two files share it.</summary>
public static class ClipNames
{
    /// <summary>One name per path, in order: <c>a</c>, <c>b</c>, and <c>a_2</c> for a second <c>…/a.wav</c>.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<string> paths)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>(paths.Count);
        foreach (var path in paths)
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            if (stem.Length == 0) stem = "clip";
            var name = stem;
            for (int n = 2; !used.Add(name); n++) name = $"{stem}_{n}";
            names.Add(name);
        }
        return names;
    }
}
