namespace MinimaxMusic.Simulator;

public static class Program
{
    public static async Task Main(string[] args) => await SimulatorApp.Create(args).RunAsync();
}
