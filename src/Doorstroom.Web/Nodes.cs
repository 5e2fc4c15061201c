namespace Doorstroom.Web;

/// <summary>
/// Several web nodes on one store (decision 0022): a node named by <c>Doorstroom:NodeName</c> says so on every response in
/// <see cref="Header"/>, so an operator (and the two-node test) sees which node behind the load balancer answered.
/// </summary>
public static class Nodes
{
    /// <summary>The response header that names the node.</summary>
    public const string Header = "X-Doorstroom-Node";

    /// <summary>The configuration key of the node's name.</summary>
    public const string NameSetting = "Doorstroom:NodeName";

    /// <summary>The problem with a node name (letters, digits, '.', '_', '-'; 1 to 64), or null when it is fine.</summary>
    public static string? Problem(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? null
            : $"{NameSetting}: '{name}' is not a node name (1 to 64 letters, digits, '.', '_' or '-').";

    /// <summary>Adds <see cref="Header"/> to every response (errors and static files too) when the node has a name; refuses a bad name at start.</summary>
    public static IApplicationBuilder UseNodeName(this IApplicationBuilder app, SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.NodeName))
            return app;
        var name = options.NodeName;
        if (Problem(name) is { } problem)
            throw new InvalidOperationException(problem);
        return app.Use(
            (http, next) =>
            {
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers[Header] = name;
                    return Task.CompletedTask;
                });
                return next(http);
            }
        );
    }
}
