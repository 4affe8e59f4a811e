using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence()
    .AddUpstreamClient()
    .AddDemoMode()
    .AddReferences()
    .AddGenerations()
    .AddUserInterface()
    .AddRestApi();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UseWebPipeline();
app.MapEndpoints();

await app.RunAsync();
