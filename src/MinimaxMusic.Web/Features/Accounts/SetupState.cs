using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// Whether the first admin exists. Until then every request goes to <c>/setup</c>. Once true it stays true, so the
/// database is asked only until the workspace is set up.
/// </summary>
internal sealed class SetupState(IDbContextFactory<AppDbContext> dbFactory) : IDisposable
{
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _done;

    /// <summary>Held while the first admin is created, so two people racing through /setup make one admin.</summary>
    public async Task<IDisposable> LockAsync()
    {
        await _creating.WaitAsync();
        return new Releaser(_creating);
    }

    public async ValueTask<bool> IsDoneAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = AccountRoles.Admin.ToUpperInvariant();
        var adminRole = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        _done = adminRole is not null && await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRole, cancellationToken);
        return _done;
    }

    public void MarkDone() => _done = true;

    public void Dispose() => _creating.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

/// <summary>Sends every request to <c>/setup</c> until the first admin exists (health, metrics and static files excepted).</summary>
internal sealed class SetupGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SetupState setup)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments(AccountPaths.Setup)
            || MachinePaths.IsOperations(path)
            || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;
        if (exempt || await setup.IsDoneAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        if (path.StartsWithSegments(MachinePaths.Api))
        {
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Setup required",
                detail: $"Open {context.Request.PathBase}{AccountPaths.Setup} in a browser to create the first admin account.").ExecuteAsync(context);
            return;
        }

        context.Response.Redirect($"{context.Request.PathBase}{AccountPaths.Setup}");
    }
}

internal static class AccountPaths
{
    public const string Setup = "/setup";
    public const string Login = "/login";
    public const string Logout = "/logout";
    public const string AccessDenied = "/access-denied";
}
