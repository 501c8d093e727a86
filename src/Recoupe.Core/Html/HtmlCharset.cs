namespace Recoupe.Core.Html;

/// <summary>Decodes an HTML page's bytes: BOM first, then a declared charset (meta charset, http-equiv content-type), then UTF-8, falling back to Windows-1252.</summary>
public static class HtmlCharset
{
    public static string Decode(byte[] bytes, string? declaredByTransport = null) =>
        System.Text.Encoding.UTF8.GetString(bytes); // first version; the HTML work replaces it
}
