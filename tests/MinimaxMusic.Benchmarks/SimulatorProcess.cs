using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// The simulator in a child process (this same executable, `simulator-host` mode), so its work — rendering a WAV
/// for every download — does not count as the app's CPU, and the app talks to it over real loopback HTTP.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "SIMULATOR_LISTENING ";
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string SampleReference => new Uri(BaseAddress, SimulatorEndpoints.SampleReferencePath.TrimStart('/')).ToString();

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    public static async Task<SimulatorProcess> StartAsync(SimulatorOptions options)
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(SimulatorProcess).Assembly.Location } }
            : new ProcessStartInfo(self);
        start.ArgumentList.Add("simulator-host");
        start.ArgumentList.Add(JsonSerializer.Serialize(options));
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the simulator process.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                return new SimulatorProcess(process, new Uri(line[ReadyPrefix.Length..]));
            }
        }

        throw new InvalidOperationException("The simulator process exited before it listened.");
    }

    /// <summary>Child mode: run the simulator until the parent closes our stdin.</summary>
    public static async Task<int> RunHostAsync(string optionsJson)
    {
        var options = JsonSerializer.Deserialize<SimulatorOptions>(optionsJson)!;
        await using var server = await SimulatorServer.StartAsync(options);
        Console.WriteLine(ReadyPrefix + server.BaseAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async Task<SimulatorStats> StatsAsync() =>
        (await Http.GetFromJsonAsync<SimulatorStats>("__simulator/stats"))!;

    public async Task<SimulatorLags> LagsAsync() =>
        (await Http.GetFromJsonAsync<SimulatorLags>("__simulator/lags"))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

internal sealed record SimulatorStats(int SubmitRequests, int GenerationsCreated, int PollRequests, int BillingRequests, int AudioRequests);

internal sealed record Percentiles(double P50, double P95, double Max, double Mean = 0);

internal sealed record LagItem(string Id, DateTimeOffset CreatedAt, DateTimeOffset CompletesAt, DateTimeOffset? FirstReportedCompletedAt, double? LagSeconds, int Polls);

internal sealed record SimulatorLags(double TimeScale, int Generations, int Detected, Percentiles LagSeconds, Percentiles PollsPerGeneration, IReadOnlyList<LagItem> Items);
