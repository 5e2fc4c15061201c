using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// School sign-in for one account (decision 0021): an invitation to link a school account (its link shown once, in the
/// answer to the POST that made it), the school accounts already linked (unlink per provider), and the link value a
/// provider's LinkClaim must have. Every change goes through <see cref="AccountLinks"/> (the command line's
/// <c>accounts invite</c>, <c>link-value</c>, <c>unlink</c>) and into the audit log with the beheerder as actor; the
/// provider account's subject and the invitation's code are never shown on a page that can be opened again.
/// </summary>
public sealed class SchoolLinksModel(SiteServices site, SchoolProviders providers, IConfiguration configuration, TimeProvider clock) : BeheerPage(clock)
{
    [BindProperty]
    public string? Aanbieder { get; set; }

    [BindProperty]
    public string? Dagen { get; set; }

    [BindProperty]
    public string? Waarde { get; set; }

    /// <summary>What was just done, after the redirect (ontkoppeld, koppelwaarde, koppelwaarde-gewist).</summary>
    [BindProperty(SupportsGet = true, Name = "gedaan")]
    public string? Done { get; set; }

    /// <summary>The provider a change was just made for.</summary>
    [BindProperty(SupportsGet = true, Name = "bij")]
    public string? DoneAt { get; set; }

    public string Name { get; private set; } = "";

    public ImmutableArray<SchoolProvider> Providers => providers.All;

    /// <summary>The account's links by provider id, oldest first (never the subject: the page shows only where and when).</summary>
    public ImmutableArray<IGrouping<string, AccountLink>> Links { get; private set; } = [];

    public ImmutableSortedDictionary<string, string> Values { get; private set; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The invitation just made: its link and until when it works, shown on this answer only.</summary>
    public (string Link, string Expires, string Where)? Shown { get; private set; }

    /// <summary>True when this answer refuses the invitation form (its errors stand there, not by the link value).</summary>
    public bool InviteRefused { get; private set; }

    /// <summary>A refusal of an unlink or a link value, shown above the links.</summary>
    public string? LinkError { get; private set; }

    public IActionResult OnGet(string account)
    {
        if (Accounts.Find(site.Database, account) is null)
            return NotFound();
        Load(account);
        return Page();
    }

    public IActionResult OnPostInvite(string account)
    {
        var typed = BeheerText.Optional(Aanbieder);
        var provider = typed ?? (providers.All.Length == 1 ? providers.All[0].Id : null);
        if (providers.All.IsEmpty)
            ModelState.AddModelError("", "Er is geen school-aanbieder ingesteld; een uitnodiging kan dan niet worden gebruikt.");
        else if (typed is not null && providers.Find(typed) is null)
            ModelState.AddModelError(nameof(Aanbieder), BeheerText.NoProvider(typed));
        var days = AccountLinks.DefaultDays;
        if (BeheerText.Optional(Dagen) is { } text && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days))
            ModelState.AddModelError(nameof(Dagen), BeheerText.DaysRule(text));
        if (ModelState.IsValid)
        {
            var change = AccountLinks.Invite(site.Database, account, provider, days, Actor, Clock, ActorRole);
            if (change.Done)
            {
                // The code is in this answer only: not in a redirect, a cookie, the log or the audit row.
                var invitation = AccountLinks.FindInvitation(site.Database, change.Secret!)!;
                Shown = (
                    $"{SiteAddress}/account/koppelen/{change.Secret}",
                    DutchFormat.Moment(DutchTime.Of(invitation.Expires)),
                    provider is null ? "bij elke aanbieder" : "bij " + ProviderName(provider)
                );
                Load(account);
                return Page();
            }
            var problem = change.Problem!;
            ModelState.AddModelError(
                problem.Field switch
                {
                    "provider" => nameof(Aanbieder),
                    "days" => nameof(Dagen),
                    _ => "",
                },
                BeheerText.LinkProblem(problem, account, provider is null ? "" : ProviderName(provider), typed ?? "", days)
            );
        }
        InviteRefused = true;
        return Refused(account);
    }

    public IActionResult OnPostUnlink(string account)
    {
        var provider = BeheerText.Optional(Aanbieder) ?? "";
        var change = AccountLinks.Unlink(site.Database, account, provider, Actor, Clock, ActorRole);
        return change.Done ? After(account, "ontkoppeld", provider) : LinkRefused(account, change.Problem!, provider);
    }

    public IActionResult OnPostLinkValue(string account)
    {
        var provider = BeheerText.Optional(Aanbieder) ?? "";
        if (providers.Find(provider) is not { LinkClaim: not null })
        {
            LinkError =
                (
                    providers.Find(provider) is null
                        ? BeheerText.NoProvider(provider)
                        : $"{ProviderName(provider)} geeft geen koppelclaim door; koppel " + $"met een uitnodiging."
                ) + " Er is niets gewijzigd.";
            return Refused(account);
        }
        var change = AccountLinks.SetLinkValue(site.Database, account, provider, Waarde ?? "", Actor, Clock, ActorRole);
        if (change.Done)
            return After(account, "koppelwaarde", provider);
        var problem = change.Problem!;
        if (problem.Field != "value")
            return LinkRefused(account, problem, provider);
        ModelState.AddModelError(ValueField(provider), BeheerText.LinkProblem(problem, account, ProviderName(provider), provider, 0));
        return Refused(account);
    }

    public IActionResult OnPostClearValue(string account)
    {
        var provider = BeheerText.Optional(Aanbieder) ?? "";
        var change = AccountLinks.ClearLinkValue(site.Database, account, provider, Actor, Clock, ActorRole);
        return change.Done ? After(account, "koppelwaarde-gewist", provider) : LinkRefused(account, change.Problem!, provider);
    }

    /// <summary>The form field of a provider's link value.</summary>
    public static string ValueField(string provider) => "Waarde-" + provider;

    /// <summary>The provider's name on the button, or its id when it is no longer configured.</summary>
    public string ProviderName(string id) => providers.Find(id)?.DisplayName ?? id;

    /// <summary>The notice after a change, or null.</summary>
    public string? Notice =>
        (Done, DoneAt) switch
        {
            ("ontkoppeld", { } p) => $"De schoolaccounts van {ProviderName(p)} zijn ontkoppeld: ze loggen pas weer in na een nieuwe koppeling.",
            ("koppelwaarde", { } p) => $"De koppelwaarde voor {ProviderName(p)} is opgeslagen.",
            ("koppelwaarde-gewist", { } p) => $"De koppelwaarde voor {ProviderName(p)} is gewist; al gekoppelde schoolaccounts blijven gekoppeld.",
            _ => null,
        };

    // The site's public address: Doorstroom:Issuer when set (behind a proxy), else the address this request came to.
    private string SiteAddress => (configuration[Keys.IssuerSetting] is { Length: > 0 } issuer ? issuer : $"{Request.Scheme}://{Request.Host}").TrimEnd('/');

    private void Load(string account)
    {
        Name = account;
        Links = [.. AccountLinks.Links(site.Database, account).GroupBy(l => l.Provider, StringComparer.Ordinal)];
        Values = AccountLinks.LinkValues(site.Database, account);
    }

    private PageResult Refused(string account)
    {
        Refused();
        Load(account);
        return Page();
    }

    private PageResult LinkRefused(string account, AccountProblem problem, string provider)
    {
        LinkError = BeheerText.LinkProblem(problem, account, ProviderName(provider), provider, 0) + " Er is niets gewijzigd.";
        return Refused(account);
    }

    private LocalRedirectResult After(string account, string done, string provider) =>
        LocalRedirect($"/beheer/accounts/{Uri.EscapeDataString(account)}/inloggen-via-school?gedaan={done}&bij={Uri.EscapeDataString(provider)}");
}
