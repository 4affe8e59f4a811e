using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// A brake on password guessing and sign-up floods: each network address may send each account form (log in, setup,
/// register, join with an invite) <see cref="PostsPerMinute"/> times a minute. Reading the pages is never limited.
/// Per account, Identity's lockout applies as well. Behind a proxy, set ASPNETCORE_FORWARDEDHEADERS_ENABLED so the
/// address is the person's, not the proxy's.
/// </summary>
internal static class AccountFormLimits
{
    public const string PolicyName = "account-forms";
    public const int PostsPerMinute = 20;
    public const string Message = "Too many attempts from your network in the last minute. Wait a minute, then try again.";

    public static IServiceCollection AddAccountFormLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    // The route, not the path: guessing invite tokens spends one allowance, not one per token.
                    $"{context.Connection.RemoteIpAddress}|{(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = PostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(Message, cancellationToken);
            };
        });
}
