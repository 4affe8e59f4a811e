using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Downloads;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Health;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Upstream;

// `dotnet MinimaxMusic.Web.dll healthcheck`: the Docker HEALTHCHECK (the runtime image has no curl).
if (args is [HealthProbeCommand.Verb, ..])
{
    return await HealthProbeCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// One method per feature, each in its feature's folder; the tests build their services with the same ones.
builder.Services
    .AddPersistence(builder.Configuration)
    .AddAccounts()
    .AddApiTokens()
    .AddMembers()
    .AddUpstreamClient()
    .AddDemoMode(builder.Configuration)
    .AddReferences()
    .AddGenerations()
    .AddDownloads()
    .AddHistory()
    .AddCreate()
    .AddSpending()
    .AddSharing()
    .AddUserInterface()
    .AddRestApi()
    .AddOperations(builder.Configuration);
builder.AddInteractiveServerRendering();

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
