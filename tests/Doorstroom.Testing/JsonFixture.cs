using System.Text.Json.Nodes;

namespace Doorstroom.Testing;

/// <summary>
/// Changes a JSON fixture through the JSON model, not by replacing text: a field is set or removed by name, so a change
/// cannot silently miss (a misspelt search text) or break the JSON.
/// </summary>
public static class JsonFixture
{
    /// <summary>The JSON object <paramref name="json"/> after <paramref name="edit"/>.</summary>
    public static string Edit(string json, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("the fixture is not a JSON object", nameof(json));
        edit(node);
        return node.ToJsonString();
    }
}
