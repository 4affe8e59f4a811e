using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Generations;

public sealed class PollerSignalTests
{
    [Fact]
    public async Task Wait_ReturnsAtOnceWhenWoken()
    {
        var time = new FakeTimeProvider();
        var signal = new PollerSignal(time);

        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        signal.Wake();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Wait_ReturnsWhenTheDelayElapsesOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var signal = new PollerSignal(time);

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ManyWakeUps_WhileBusy_CollapseIntoOneExtraPass()
    {
        var time = new FakeTimeProvider();
        var signal = new PollerSignal(time);
        signal.Wake();
        signal.Wake();
        signal.Wake();

        await signal.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var second = signal.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.False(second.IsCompleted);
        signal.Wake();
        await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
