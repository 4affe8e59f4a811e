using Bunit;
using MudBlazor.Services;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>bUnit with MudBlazor's services and loose JS interop (MudBlazor calls JS the tests do not care about).</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
