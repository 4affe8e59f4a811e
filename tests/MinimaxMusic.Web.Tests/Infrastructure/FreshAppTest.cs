namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// A new app for every test of a class (xUnit makes a class instance per test): demo mode, fast polling, its own
/// SQLite file, no admin yet. Disposed after the test.
/// </summary>
public abstract class FreshAppTest : IAsyncLifetime
{
    internal TestApp App { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        App = new TestApp(Settings());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>The app's settings: <see cref="TestApp.FastPolling"/> unless a class adds its own.</summary>
    private protected virtual Dictionary<string, string?> Settings() => TestApp.FastPolling();
}
