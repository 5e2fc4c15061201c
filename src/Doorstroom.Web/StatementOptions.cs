namespace Doorstroom.Web;

/// <summary>
/// The operator's part of the accessibility statement at /toegankelijkheid: Doorstroom is open source and run by whoever
/// installs it, so the organisation and its contact are settings. Unset, the page says plainly that they are not filled in.
/// </summary>
public sealed class StatementOptions
{
    /// <summary>The organisation that runs this installation, e.g. "Regionaal Samenwerkingsverband VO-MBO West".</summary>
    public string? Organisatie { get; set; }

    /// <summary>An e-mail address for accessibility problems and questions.</summary>
    public string? Email { get; set; }

    /// <summary>A web address (a contact form or page) for the same, when there is one.</summary>
    public string? ContactUrl { get; set; }

    /// <summary>How quickly the operator answers, e.g. "binnen 5 werkdagen"; unset, the page names no term.</summary>
    public string? Reactietermijn { get; set; }

    public const string EmailSetting = "Doorstroom:Toegankelijkheid:Email";
    public const string ContactUrlSetting = "Doorstroom:Toegankelijkheid:ContactUrl";

    /// <summary>What is wrong with the contact settings (each becomes a link on the page), one line each; empty when both are fine.</summary>
    public IEnumerable<StartupProblem> Problems()
    {
        if (
            Email is { Length: > 0 } email
            && (
                email.Trim().Contains(' ', StringComparison.Ordinal)
                || email.Trim().Split('@') is not [{ Length: > 0 }, { Length: > 2 } domain]
                || !domain.Contains('.', StringComparison.Ordinal)
            )
        )
            yield return new(
                EmailSetting,
                $"{EmailSetting}: '{email}' is not an e-mail address; write one such as toegankelijkheid@example.nl, or remove " + $"the setting"
            );
        if (ContactUrl is { Length: > 0 } url && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            yield return new(
                ContactUrlSetting,
                $"{ContactUrlSetting}: '{url}' is not a web address; write one that begins with https://, or remove the " + $"setting"
            );
    }
}
