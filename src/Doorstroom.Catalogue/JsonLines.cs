using System.Text;
using System.Text.Json;

namespace Doorstroom.Catalogue;

/// <summary>Maps JSON pointers (e.g. <c>/routes/0/entry</c>) to the 1-based line they start on, for error messages.</summary>
public static class JsonLines
{
    /// <summary>Every JSON pointer in the document and the line its value starts on.</summary>
    public static Dictionary<string, int> Map(ReadOnlySpan<byte> utf8)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
                lineStarts.Add(i + 1);
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        var path = new List<string>();
        var arrayIndex = new Stack<int>();
        var inArray = new Stack<bool>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                var line = LineOf(lineStarts, (int)reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Enter(path, arrayIndex, inArray, ref pendingProperty);
                        map.TryAdd(Pointer(path), line);
                        inArray.Push(reader.TokenType == JsonTokenType.StartArray);
                        arrayIndex.Push(0);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        inArray.Pop();
                        arrayIndex.Pop();
                        if (path.Count > 0)
                            path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        Enter(path, arrayIndex, inArray, ref pendingProperty);
                        map.TryAdd(Pointer(path), line);
                        path.RemoveAt(path.Count - 1);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The caller reports malformed JSON separately; a partial map still helps.
        }
        return map;
    }

    private static void Enter(List<string> path, Stack<int> arrayIndex, Stack<bool> inArray, ref string? pendingProperty)
    {
        if (inArray.Count == 0)
        {
            path.Add("");
            return;
        }
        if (inArray.Peek())
        {
            var i = arrayIndex.Pop();
            arrayIndex.Push(i + 1);
            path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            path.Add(Escape(pendingProperty ?? ""));
            pendingProperty = null;
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Pointer(List<string> path)
    {
        if (path.Count <= 1)
            return "";
        var sb = new StringBuilder();
        for (var i = 1; i < path.Count; i++)
            sb.Append('/').Append(path[i]);
        return sb.ToString();
    }

    private static int LineOf(List<int> lineStarts, int offset)
    {
        var i = lineStarts.BinarySearch(offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    /// <summary>The line of the pointer or of its nearest ancestor that has one.</summary>
    public static int? LineFor(Dictionary<string, int> map, string pointer)
    {
        var p = pointer;
        while (true)
        {
            if (map.TryGetValue(p, out var line))
                return line;
            if (p.Length == 0)
                return null;
            var cut = p.LastIndexOf('/');
            p = cut <= 0 ? "" : p[..cut];
        }
    }
}
