using System.Net;

namespace Doorstroom.Web.Tests;

public sealed class ApiOpenApiTests(SiteFactory site)
{
    private const string UpdateVariable = "DOORSTROOM_UPDATE_OPENAPI";

    [Fact]
    public async Task The_committed_openapi_document_is_the_one_the_site_serves()
    {
        using var response = await site.Anonymous().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = Normalise(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
            return;
        }
        var committed = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)) : "";
        Assert.True(
            committed == served,
            $"docs/openapi.json differs from the document the site serves at /openapi/v1.json. If the API change is intended, refresh it with "
                + $"`{UpdateVariable}=1 dotnet test --project tests/Doorstroom.Web.Tests`, lint it with `npx --yes @redocly/cli@2.77.0 lint docs/openapi.json` "
                + $"and Spectral (docs/api-design-rules) "
                + $"and commit it."
        );
    }

    [Fact]
    public async Task The_openapi_document_names_the_client_credentials_token_url()
    {
        var document = await site.Anonymous().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("\"clientCredentials\"", document, StringComparison.Ordinal);
        Assert.Contains("\"tokenUrl\": \"/connect/token\"", document, StringComparison.Ordinal);
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Doorstroom.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("the repository root (Doorstroom.slnx) is not above " + AppContext.BaseDirectory);
    }
}
