using MudBlazor;

namespace MinimaxMusic.Web.Components.Layout;

internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b3cc4",
            Secondary = "#00897b",
            AppbarBackground = "#2d1b69",
        },
    };
}
