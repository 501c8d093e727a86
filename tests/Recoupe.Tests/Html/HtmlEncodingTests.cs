using System.Text;
using Recoupe.Core.Html;

namespace Recoupe.Tests.Html;

/// <summary>Pages written for these tests, encoded in legacy encodings, declared or not, decoded back to their text.</summary>
public sealed class HtmlEncodingTests
{
    static HtmlEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Japanese =
        "市の中心部に新しい図書館が月曜日に開館し、初日から多くの市民が訪れた。館長によると、蔵書は約十万冊で、子ども向けの読書室も設けられている。" +
        "市は来年度、さらに二つの分館を建設する計画を発表した。";
    private const string Korean =
        "시 중심부에 새 도서관이 월요일에 문을 열었고 첫날부터 많은 시민들이 찾았다. 관장에 따르면 장서는 약 십만 권이며 어린이를 위한 독서실도 마련되어 있다. " +
        "시는 내년에 분관 두 곳을 더 짓겠다고 밝혔다.";
    private const string Chinese =
        "市中心的新图书馆于星期一开放，第一天就有许多市民前来参观。据馆长介绍，馆藏图书约十万册，还设有儿童阅览室。市政府宣布明年将再建两个分馆。";
    private const string Russian =
        "В понедельник в центре города открылась новая библиотека, и уже в первый день её посетили многие жители. " +
        "По словам директора, фонд насчитывает около ста тысяч книг.";
    private const string French = "La médiathèque a ouvert lundi ; dès le premier jour, élèves et retraités s'y sont pressés à l'entrée.";

    private static byte[] Page(string text, string encoding, string? declared)
    {
        var meta = declared is null ? "" : $"<meta charset=\"{declared}\">";
        return Encoding.GetEncoding(encoding).GetBytes($"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>");
    }

    [Theory]
    [InlineData("shift_jis", Japanese)]
    [InlineData("euc-jp", Japanese)]
    [InlineData("euc-kr", Korean)]
    [InlineData("gb2312", Chinese)]
    [InlineData("gbk", Chinese)]
    [InlineData("windows-1251", Russian)]
    [InlineData("iso-8859-1", French)]
    [InlineData("windows-1252", French)]
    [InlineData("iso-8859-15", French)]
    public void A_page_that_declares_its_legacy_encoding_comes_out_right(string encoding, string text)
    {
        HtmlCharset.Decode(Page(text, encoding, encoding)).Should().Contain(text);
    }

    [Theory]
    [InlineData("shift_jis", Japanese)]
    [InlineData("euc-jp", Japanese)]
    [InlineData("euc-kr", Korean)]
    [InlineData("gbk", Chinese)]
    [InlineData("windows-1251", Russian)]
    [InlineData("windows-1252", French)]
    public void An_undeclared_legacy_page_is_sniffed_from_its_bytes(string encoding, string text)
    {
        HtmlCharset.Decode(Page(text, encoding, null), null, out var used).Should().Contain(text);
        used.Should().StartWith(Encoding.GetEncoding(encoding).WebName);
    }

    [Theory]
    [InlineData("shift_jis", Japanese)]
    [InlineData("euc-kr", Korean)]
    [InlineData("gbk", Chinese)]
    public void A_false_utf8_or_latin_declaration_over_east_asian_bytes_is_overruled(string encoding, string text)
    {
        HtmlCharset.Decode(Page(text, encoding, "utf-8")).Should().Contain(text);
        HtmlCharset.Decode(Page(text, encoding, "iso-8859-1")).Should().Contain(text);
    }

    [Fact]
    public void The_transport_charset_decides_a_legacy_page_before_its_meta()
    {
        var bytes = Page(Korean, "euc-kr", "iso-8859-1");
        HtmlCharset.Decode(bytes, "euc-kr", out var used).Should().Contain(Korean);
        used.Should().Contain("transport");
    }

    private const string Czech = "Nová knihovna v centru města se otevřela v pondělí; první den ji navštívilo mnoho občanů.";
    private const string Greek = "Η νέα βιβλιοθήκη στο κέντρο της πόλης άνοιξε τη Δευτέρα και δέχτηκε πολλούς επισκέπτες.";
    private const string CurlyQuotes = "«Nous l’avions promis» : le maire a tenu parole — l’œuvre est rentrée… à 10 € l’entrée.";

    [Fact]
    public void A_utf8_byte_order_mark_decides_over_a_meta_that_says_otherwise()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(
            $"<html><head><meta charset=\"windows-1252\"></head><body><p>{Czech}</p></body></html>")).ToArray();
        HtmlCharset.Decode(bytes, null, out var used).Should().Contain(Czech);
        used.Should().Contain("bom");
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void A_utf16_page_with_its_byte_order_mark_comes_out_right(string encoding)
    {
        var utf16 = encoding == "utf-16LE" ? Encoding.Unicode : Encoding.BigEndianUnicode;
        var bytes = utf16.GetPreamble().Concat(utf16.GetBytes($"<html><body><p>{Japanese}</p></body></html>")).ToArray();
        HtmlCharset.Decode(bytes).Should().Contain(Japanese);
    }

    [Theory]
    [InlineData("iso-8859-2", Czech)]
    [InlineData("windows-1250", Czech)]
    [InlineData("iso-8859-7", Greek)]
    [InlineData("shift_jis", Japanese)]
    [InlineData("gb2312", Chinese)]
    [InlineData("euc-kr", Korean)]
    public void A_page_that_declares_its_encoding_in_an_http_equiv_content_type_comes_out_right(string encoding, string text)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes(
            $"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;charset={encoding}\"><title>t</title></head><body><p>{text}</p></body></html>");
        HtmlCharset.Decode(bytes).Should().Contain(text);
    }

    [Fact]
    public void A_latin1_label_over_windows_1252_quotes_and_euro_sign_reads_them_as_browsers_do()
    {
        HtmlCharset.Decode(Page(CurlyQuotes, "windows-1252", "iso-8859-1")).Should().Contain(CurlyQuotes);
    }

    [Fact]
    public void An_undeclared_gb2312_page_is_sniffed_from_its_bytes()
    {
        HtmlCharset.Decode(Page(Chinese, "gb2312", null)).Should().Contain(Chinese);
    }

    [Theory]
    [InlineData("windows-1250", "cs", Czech)]
    [InlineData("windows-1253", "el", Greek)]
    public void An_undeclared_single_byte_page_is_read_in_the_code_page_of_its_html_lang(string encoding, string lang, string text)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes($"<html lang=\"{lang}\"><head><title>t</title></head><body><p>{text}</p></body></html>");
        HtmlCharset.Decode(bytes).Should().Contain(text);
    }

    [Fact]
    public void An_undeclared_page_in_a_language_written_in_windows_1252_stays_windows_1252()
    {
        var bytes = Encoding.GetEncoding("windows-1252").GetBytes($"<html lang=\"fr\"><body><p>{CurlyQuotes}</p></body></html>");
        HtmlCharset.Decode(bytes).Should().Contain(CurlyQuotes);
    }
}
