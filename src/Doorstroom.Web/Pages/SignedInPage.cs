using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages;

/// <summary>
/// A page behind a policy that admits only a signed-in principal with a Doorstroom role (the folder conventions in
/// Program.cs): the caller is bound once, before the handler runs, and the handler reads it as <see cref="Caller"/>.
/// </summary>
public abstract class SignedInPage : PageModel
{
    private Caller? caller;

    /// <summary>Who is asking, bound before the page's handler runs.</summary>
    protected Caller Caller => caller ?? throw new InvalidOperationException("the caller is read before the page's handler runs");

    /// <summary>Binds the caller; a principal without a Doorstroom role (which the policy lets through only by mistake) is challenged.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        caller = Caller.From(User);
        if (caller is null)
            context.Result = Challenge();
        base.OnPageHandlerExecuting(context);
    }
}
