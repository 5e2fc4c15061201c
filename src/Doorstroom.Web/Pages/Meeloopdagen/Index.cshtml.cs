using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Meeloopdagen;

/// <summary>The pupil's meeloopdagen: the days to come, signing up and cancelling, and the pupil's own status.</summary>
public sealed class IndexModel(MeeloopdagService meeloop) : MeeloopdagenPage(meeloop)
{
    public override bool ToPupil => true;

    public override string Path => "/meeloopdagen";

    protected override string? PupilKey => null;

    public IActionResult OnGet() => Load() ? Page() : NotFound();
}
