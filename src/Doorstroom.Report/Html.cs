using System.Net;

namespace Doorstroom.Report;

/// <summary>HTML and XML escaping for text and attribute values.</summary>
internal static class Html
{
    /// <summary>The text with &amp;, &lt;, &gt;, quotes escaped.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
