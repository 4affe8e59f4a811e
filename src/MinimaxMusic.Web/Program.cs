using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Health;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Hosting;

// `dotnet MinimaxMusic.Web.dll healthcheck`: the Docker HEALTHCHECK (the runtime image has no curl).
if (args is [HealthProbeCommand.Verb, ..])
{
    return await HealthProbeCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence()
    .AddAccounts()
    .AddApiTokens()
    .AddMembers()
    .AddUpstreamClient()
    .AddDemoMode()
    .AddReferences()
    .AddGenerations()
    .AddSpending()
    .AddSharing()
    .AddUserInterface()
    .AddRestApi()
    .AddOperations();

var app = builder.Build();

try
{
    app.ValidateConfiguration();
    await app.InitializeDatabaseAsync();
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem)
{
    // One line per problem, naming the key and the fix: no stack trace for a typo in a setting.
    Console.Error.WriteLine(problem);
    return 1;
}

app.UseWebPipeline();
app.MapOperations();
app.MapEndpoints();

await app.RunAsync();
return 0;
