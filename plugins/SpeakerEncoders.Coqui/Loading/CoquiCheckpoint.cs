using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Checkpoints.Pickle;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Config;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Loading;

/// <summary>A Coqui speaker encoder built and loaded from <c>model_se.pth</c> (or a safetensors copy) and its config.</summary>
internal sealed record LoadedEncoder(CoquiSpeakerNetwork Network, CoquiAudioConfig Audio, string ConfigSource, ConfigTree? Config);

/// <summary>
/// Reads <c>model_se.pth</c> = {config, model, optimizer, …}: the weights under <c>model</c> (or the top level), the
/// config from the file (a safetensors copy carries it as <see cref="ConfigMetadataKey"/> metadata), else
/// <c>config_se.json</c> beside it, else YourTTS' audio settings with sizes from the shapes.
/// </summary>
internal static class CoquiCheckpoint
{
    public const string SidecarConfig = "config_se.json";

    /// <summary>The safetensors metadata entry holding the config as JSON (written by <see cref="CoquiEncoder.CopyMetadata"/>).</summary>
    public const string ConfigMetadataKey = "coqui_config";

    public static LoadedEncoder Load(string path, CoquiVariant variant)
    {
        using var checkpoint = CheckpointFile.Read(path);
        var stateDict = checkpoint.StateDict("model");
        var config = ConfigOf(checkpoint, path);
        var network = CoquiNetworkFactory.Build(stateDict, config, variant, path);
        try
        {
            StateDictLoader.LoadStrict(network, stateDict, path);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        network.eval();
        var audio = config is null ? CoquiAudioConfig.YourTtsDefaults : CoquiAudioConfig.From(config.Section("audio"));
        return new LoadedEncoder(network, audio, config?.Source ?? "none (YourTTS audio defaults assumed)", config);
    }

    private static ConfigTree? ConfigOf(Checkpoint checkpoint, string path)
    {
        if (checkpoint.Root is PickleDict root && root.TryGetValue("config", out var inner) && inner is PickleDict dict)
            return ConfigTree.FromPickle(dict, $"{Path.GetFileName(path)} → config");
        if (checkpoint.Metadata.TryGetValue(ConfigMetadataKey, out var json))
            return ConfigTree.FromJsonText(json, $"{Path.GetFileName(path)} → metadata {ConfigMetadataKey}");
        var sidecar = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SidecarConfig);
        return File.Exists(sidecar) ? ConfigTree.FromJsonFile(sidecar) : null;
    }
}
