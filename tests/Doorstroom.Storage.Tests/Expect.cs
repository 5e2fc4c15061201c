namespace Doorstroom.Storage.Tests;

/// <summary>Assertions on import outcomes that say what went wrong.</summary>
public static class Expect
{
    /// <summary>The outcome is <see cref="Imported"/>; a refusal fails with its problems listed.</summary>
    public static Imported Imported(ImportOutcome outcome)
    {
        if (outcome is Refused refused)
            Assert.Fail("refused:\n" + string.Join("\n", refused.Problems.Take(10)));
        return Assert.IsType<Imported>(outcome);
    }
}
