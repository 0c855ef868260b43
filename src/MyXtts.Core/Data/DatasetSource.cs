namespace MyXtts.Core.Data;

/// <summary>
/// Where one dataset split comes from: a metadata file and the folder its audio lives in. Built from a dataset folder
/// in LJSpeech layout (<c>DIR/metadata.csv</c>, <c>DIR/wavs/</c>) or from explicit paths (the original's
/// <c>metadata_train_file</c> / <c>wavs_train_dir</c> keys).
/// </summary>
public sealed record DatasetSource(string MetadataPath, string AudioDirectory)
{
    /// <summary>
    /// Resolves <paramref name="path"/> (a dataset folder or a metadata file) and an optional explicit audio folder.
    /// A relative metadata or audio path is taken relative to the dataset folder.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither a folder nor a file exists at <paramref name="path"/>.</exception>
    public static DatasetSource Resolve(string path, string? metadataFile = null, string? audioDirectory = null)
    {
        var full = Path.GetFullPath(path);
        string folder, metadata;
        if (File.Exists(full) && metadataFile is null)
        {
            folder = Path.GetDirectoryName(full)!;
            metadata = full;
        }
        else if (Directory.Exists(full))
        {
            folder = full;
            metadata = Path.GetFullPath(Path.Combine(folder, metadataFile ?? "metadata.csv"));
        }
        else
        {
            throw new DirectoryNotFoundException($"Dataset '{path}' not found: give a folder with metadata.csv and wavs/ (LJSpeech layout) or a metadata file.");
        }
        var audio = Path.GetFullPath(Path.Combine(folder, audioDirectory ?? "wavs"));
        return new DatasetSource(metadata, audio);
    }
}
