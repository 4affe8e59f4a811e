namespace MinimaxMusic.Simulator;

public static class Program
{
    public static async Task Main(string[] args)
    {
        await using var app = SimulatorApp.Create(args);
        await app.RunAsync();
    }
}
