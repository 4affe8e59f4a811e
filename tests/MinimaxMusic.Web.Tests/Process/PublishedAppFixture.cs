using System.Diagnostics;

namespace MinimaxMusic.Web.Tests.Process;

/// <summary>Publishes the app once (Release, via docker/publish.sh) into a temporary directory.</summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    public string PublishDirectory { get; } = Path.Combine(Path.GetTempPath(), "mmw-publish-" + Guid.NewGuid().ToString("N"));

    public string AppDll => Path.Combine(PublishDirectory, "MinimaxMusic.Web.dll");

    public static string RepositoryRoot => FindRepositoryRoot();

    public async ValueTask InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, "docker", "publish.sh"));
        start.ArgumentList.Add(PublishDirectory);
        // Keep the test host's MSBuild/dotnet settings from leaking into the child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");

        using var publish = System.Diagnostics.Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await publish.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Publishing timed out.\n{await stdout}\n{await stderr}");
        }

        if (publish.ExitCode != 0 || !File.Exists(AppDll))
        {
            throw new InvalidOperationException(
                $"Publishing failed with exit code {publish.ExitCode}.\n{await stdout}\n{await stderr}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(PublishDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MinimaxMusic.Web.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MinimaxMusic.Web.sln was not found above " + AppContext.BaseDirectory);
    }
}
