namespace MinimaxMusic.Web.Features.References;

internal static class ReferenceFileEndpoints
{
    /// <summary>
    /// GET/HEAD /references/{file}: hosted reference files, anonymously (the AIML service downloads them), with Range
    /// support. Only names <see cref="ReferenceUploads"/> makes are looked up, so nothing else in the data folder is reachable.
    /// </summary>
    public static IEndpointRouteBuilder MapReferenceFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods($"/{ReferenceUploads.FolderName}/{{file}}", [HttpMethods.Get, HttpMethods.Head],
                (string file, ReferenceUploads uploads, HttpContext context) =>
                {
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    if (uploads.PathOf(file) is not { } path || !File.Exists(path))
                    {
                        return Results.NotFound();
                    }

                    return Results.File(path, ReferenceUploads.ContentTypeOf(file), fileDownloadName: null,
                        lastModified: File.GetLastWriteTimeUtc(path), enableRangeProcessing: true);
                })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
