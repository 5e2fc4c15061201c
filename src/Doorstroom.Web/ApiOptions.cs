using Doorstroom.Web.Api;

namespace Doorstroom.Web;

/// <summary>
/// The API's settings (<c>Doorstroom:Api:*</c>). Doorstroom is run by whoever installs it, so the contact in the OpenAPI
/// document (ADR /core/doc-openapi-contact) is theirs to set; unset, it names the installation's beheerder at a reserved
/// example address, which the README's "Deploying" asks an operator to replace.
/// </summary>
public sealed class ApiOptions
{
    /// <summary>Who answers questions about the API, e.g. "Servicedesk Samenwerkingsverband VO-MBO West".</summary>
    public string ContactName { get; set; } = "Beheerder van deze Doorstroom-installatie";

    /// <summary>Their e-mail address.</summary>
    public string ContactEmail { get; set; } = "beheer@example.org";

    /// <summary>A web page about the API or its support.</summary>
    public string ContactUrl { get; set; } = "https://example.org/doorstroom";

    /// <summary>The contact as the OpenAPI document states it.</summary>
    public ApiContact Contact() => new(ContactName, ContactEmail, ContactUrl);
}
