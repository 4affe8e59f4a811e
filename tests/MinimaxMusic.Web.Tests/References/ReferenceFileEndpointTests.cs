using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>GET /references/{file} on a real Kestrel port: what the AIML service downloads.</summary>
public sealed class ReferenceFileEndpointTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_OfAnUpload_ServesItsBytesAsAudioWithNosniff()
    {
        await using var server = await FileServer.StartAsync();
        var url = await server.UploadAsync(audio.WavOf20Seconds, "song.wav");

        using var response = await server.Client.GetAsync(url, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(audio.WavOf20Seconds, await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Get_OfAnMp3Upload_ServesAudioMpeg()
    {
        await using var server = await FileServer.StartAsync();
        var url = await server.UploadAsync(audio.Mp3Of20Seconds, "song.mp3");

        using var response = await server.Client.GetAsync(url, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_WithARange_Answers206WithThoseBytes()
    {
        await using var server = await FileServer.StartAsync();
        var url = await server.UploadAsync(audio.WavOf20Seconds, "song.wav");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-199/{audio.WavOf20Seconds.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(audio.WavOf20Seconds[100..200], await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Get_WithAnOpenRangeFromZero_Answers206AsChromiumExpects()
    {
        await using var server = await FileServer.StartAsync();
        var url = await server.UploadAsync(audio.WavOf20Seconds, "song.wav");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, null);

        using var response = await server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(audio.WavOf20Seconds.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Head_OfAnUpload_GivesTheLengthWithoutTheBody()
    {
        await using var server = await FileServer.StartAsync();
        var url = await server.UploadAsync(audio.WavOf20Seconds, "song.wav");

        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var response = await server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(audio.WavOf20Seconds.Length, response.Content.Headers.ContentLength);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("references/..%2Fminimaxmusic.db")]
    [InlineData("references/..%2F..%2Fminimaxmusic.db")]
    [InlineData("references/%2E%2E%2Fminimaxmusic.db")]
    [InlineData("references/..%5Cminimaxmusic.db")]
    [InlineData("references/minimaxmusic.db")]
    [InlineData("references/notes.txt")]                        // in the folder, but not a name we make
    [InlineData("references/AAAAAAAAAAAAAAAAAAAAAA.part")]      // an upload still being written
    [InlineData("references/AAAAAAAAAAAAAAAAAAAAAB.wav")]       // the right shape, but no such file
    [InlineData("references/short.wav")]                        // too short to be a token
    [InlineData("references/AAAAAAAAAAAAAAAAAAAAAA.wav%0A")]
    public async Task Get_OfAnythingButAnUploadedFile_Is404(string path)
    {
        await using var server = await FileServer.StartAsync();
        await server.UploadAsync(audio.WavOf20Seconds, "song.wav");
        await File.WriteAllTextAsync(Path.Combine(server.DataDirectory, "minimaxmusic.db"), "secret", Token);
        await File.WriteAllTextAsync(Path.Combine(server.ReferencesFolder, "notes.txt"), "secret", Token);
        await File.WriteAllTextAsync(Path.Combine(server.ReferencesFolder, "AAAAAAAAAAAAAAAAAAAAAA.part"), "partial", Token);
        await File.WriteAllTextAsync(Path.Combine(server.ReferencesFolder, "AAAAAAAAAAAAAAAAAAAAAA.wav\n"), "odd", Token);
        await File.WriteAllTextAsync(Path.Combine(server.ReferencesFolder, "short.wav"), "secret", Token);

        using var response = await server.Client.GetAsync(new Uri(server.BaseAddress, path), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterTheSavedReferenceIsDeleted_Is404()
    {
        await using var server = await FileServer.StartAsync();
        var upload = await server.Uploads.SaveAsync(new MemoryStream(audio.WavOf20Seconds), "song.wav", -1, Token);
        var library = server.Services.GetRequiredService<ReferenceLibrary>();
        var saved = await library.SaveAsync("Song", upload.Check!, Token);
        var url = server.LocalUrlOf(upload.Check!.Url);
        using (var before = await server.Client.GetAsync(url, Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await library.DeleteAsync(saved.Reference!.Id, Token);

        using var response = await server.Client.GetAsync(url, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// A minimal app with the app's reference registrations and MapReferenceFiles on a loopback port. Its
    /// App:PublicBaseUrl is a public-looking name; requests go to the loopback address with the same path.
    /// </summary>
    private sealed class FileServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FileServer(WebApplication app, string dataDirectory, Uri baseAddress)
        {
            _app = app;
            DataDirectory = dataDirectory;
            BaseAddress = baseAddress;
            Client = new HttpClient { BaseAddress = baseAddress };
        }

        public string DataDirectory { get; }

        public string ReferencesFolder => Path.Combine(DataDirectory, "references");

        public Uri BaseAddress { get; }

        public HttpClient Client { get; }

        public IServiceProvider Services => _app.Services;

        public ReferenceUploads Uploads => _app.Services.GetRequiredService<ReferenceUploads>();

        public static async Task<FileServer> StartAsync()
        {
            var dataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-reference-files-").FullName;
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(ReferenceLibraryHarness.Settings(dataDirectory, ReferenceLibraryHarness.PublicBaseUrl));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            ReferenceLibraryHarness.AddAppServices(builder.Services, builder.Configuration);
            var app = builder.Build();
            app.MapReferenceFiles();
            await app.StartAsync(Token);

            var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using (var db = await factory.CreateDbContextAsync(Token))
            {
                await db.Database.MigrateAsync(Token);
            }

            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new FileServer(app, dataDirectory, new Uri(address.TrimEnd('/') + "/"));
        }

        /// <summary>Uploads through the real service; returns the local address of its public URL.</summary>
        public async Task<Uri> UploadAsync(byte[] bytes, string fileName)
        {
            var result = await Uploads.SaveAsync(new MemoryStream(bytes), fileName, bytes.Length, Token);
            Assert.True(result.Succeeded, result.Problem);
            return LocalUrlOf(result.Check!.Url);
        }

        public Uri LocalUrlOf(string publicUrl)
        {
            Assert.StartsWith(ReferenceLibraryHarness.PublicBaseUrl, publicUrl, StringComparison.Ordinal);
            return new Uri(BaseAddress, publicUrl[ReferenceLibraryHarness.PublicBaseUrl.Length..]);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing a test for.
            }
        }
    }
}
