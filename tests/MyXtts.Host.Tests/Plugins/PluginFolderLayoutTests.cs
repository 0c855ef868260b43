using MyXtts.Host.Plugins.Discovery;

namespace MyXtts.Host.Tests.Plugins;

public class PluginFolderLayoutTests
{
    [Fact]
    public void The_dll_with_a_deps_json_beside_it_is_the_plugin()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("Dependency.dll"), "");
        File.WriteAllText(folder.Combine("Acme.Loss.dll"), "");
        File.WriteAllText(folder.Combine("Acme.Loss.deps.json"), "{}");

        Assert.Equal(folder.Combine("Acme.Loss.dll"), PluginMainAssembly.Find(folder.Path, out _));
    }

    [Fact]
    public void Without_deps_json_the_dll_named_like_the_folder_is_the_plugin()
    {
        using var root = new TempDirectory();
        var folder = Directory.CreateDirectory(root.Combine("Acme.Loss")).FullName;
        File.WriteAllText(Path.Combine(folder, "Dependency.dll"), "");
        File.WriteAllText(Path.Combine(folder, "Acme.Loss.dll"), "");

        Assert.Equal(Path.Combine(folder, "Acme.Loss.dll"), PluginMainAssembly.Find(folder, out _));
    }

    [Fact]
    public void A_single_dll_is_the_plugin_whatever_its_name()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("Whatever.dll"), "");

        Assert.Equal(folder.Combine("Whatever.dll"), PluginMainAssembly.Find(folder.Path, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_folder_without_dlls_is_a_problem()
    {
        using var folder = new TempDirectory();

        Assert.Null(PluginMainAssembly.Find(folder.Path, out var problem));
        Assert.Contains("holds no DLL", problem!.Message);
    }

    [Fact]
    public void The_search_path_is_shipped_then_plugins_dirs_then_environment_each_folder_once()
    {
        var path = PluginSearchPath.Create("/opt/myxtts", ["/a", "/b/"], "/c::/a: /d ");

        Assert.Equal(["/opt/myxtts/plugins", "/a", "/b", "/c", "/d"], path.Roots.Select(r => r.Directory));
        Assert.Equal(["shipped", "--plugins-dir", "--plugins-dir", "MYXTTS_PLUGINS_PATH", "MYXTTS_PLUGINS_PATH"], path.Roots.Select(r => r.Origin));
        Assert.False(path.Roots[0].MustExist);
        Assert.True(path.Roots[1].MustExist);
    }
}
