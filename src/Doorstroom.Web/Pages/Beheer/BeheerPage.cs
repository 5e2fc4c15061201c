using Doorstroom.Storage;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// What every beheer page shares: the signed-in beheerder as the audit log's actor, the form's field errors, and a refusal
/// answered with 400 and the page again (nothing stored).
/// </summary>
public abstract class BeheerPage(TimeProvider clock) : SignedInPage
{
    /// <summary>The clock the audit log's entries are stamped with.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Who the audit log names for a change: the signed-in beheerder's account name.</summary>
    protected string Actor => Caller.Name;

    /// <summary>The role the audit log gives the change.</summary>
    protected const string ActorRole = AccountRoles.Beheerder;

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>The id of a field's error text for aria-describedby, or null when the field has none.</summary>
    public string? Described(string field) => Error(field) is null ? null : field + "-fout";

    /// <summary>Marks the answer as refused (400): the page is shown again with its errors.</summary>
    protected void Refused() => Response.StatusCode = StatusCodes.Status400BadRequest;
}
