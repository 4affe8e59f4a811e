using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MinimaxMusic.Web.Tests.Process;

/// <summary>The published app running as a separate OS process, with its output captured for failure messages.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(System.Diagnostics.Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AppProcess Start(string appDll, string dataDirectory, Uri simulator, IReadOnlyDictionary<string, string>? settings = null) =>
        Start(appDll, new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = dataDirectory,
            ["AimlApi__BaseUrl"] = simulator.ToString(),
            ["AimlApi__ApiKey"] = "test-key",
            ["Security__AllowPrivateNetworkUrls"] = "true",
            ["Polling__InitialDelay"] = "00:00:01",
            ["Polling__Interval"] = "00:00:01",
            ["Polling__MaxInterval"] = "00:00:02",
            ["AimlApi__RetryBaseDelay"] = "00:00:00.100",
        });

    /// <summary>Starts the app with exactly <paramref name="environment"/> added, listening on a free loopback port.</summary>
    public static AppProcess Start(string appDll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = StartInfo(appDll, environment, arguments);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');

        var process = new System.Diagnostics.Process { StartInfo = start };
        var app = new AppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Runs the app's dll once (a command such as <c>healthcheck</c>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(
        string appDll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(StartInfo(appDll, environment, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static ProcessStartInfo StartInfo(string appDll, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own settings must not leak into the app.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM, as <c>docker stop</c> sends: the app shuts down gracefully.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using (var signal = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async Task WaitUntilReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The app exited with code {_process.ExitCode} before it answered.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "api/generations"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        Assert.Fail($"The app did not answer within 60 s.\n{Output}");
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks run.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
