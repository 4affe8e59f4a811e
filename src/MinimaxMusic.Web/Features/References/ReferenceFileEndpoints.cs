using MinimaxMusic.Web.Audio;

namespace MinimaxMusic.Web.Features.References;

internal static class ReferenceFileEndpoints
{
    /// <summary>
    /// GET/HEAD /references/{file}: hosted reference files, anonymously (the AIML service downloads them), with Range
    /// support. Only names the <see cref="AudioStore"/> makes are looked up, so nothing else in the data folder is reachable.
    /// </summary>
    public static IEndpointRouteBuilder MapReferenceFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods($"/{ReferenceUploads.FolderName}/{{file}}", [HttpMethods.Get, HttpMethods.Head],
                (string file, AudioStore store, HttpContext context) =>
                {
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    return store.Serve(AudioKind.Reference, file, ReferenceUploads.ContentTypeOf(file)) ?? Results.NotFound();
                })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
