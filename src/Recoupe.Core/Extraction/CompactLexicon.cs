using System.Runtime.CompilerServices;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// A large "form TAB value" word list (the lexicon: some 200,000 forms) kept as the file's own text plus an
/// open-addressing table of line offsets, instead of a dictionary of 200,000 strings: it loads in a few milliseconds,
/// adds no objects for the collector to walk, and a look-up touches two cache lines (the table is far larger than
/// the caches: a slot holds all that a probe reads, with a few bits of the hash so that most probes of other forms
/// stop there without reading the text). Values are few distinct strings ("n", "v", "ap"…), shared.
/// <para>
/// The one layer between the extraction and the lexicon's file: no cache is kept in front of it. Measured on fr-news
/// (4,962 articles, 1.9 M word tokens; `bench/Recoupe.Bench -- extract-vocab`), asking every word token whether the
/// lexicon knows it costs 62 ns a token through this table alone; with the lexemes of the forms already asked kept in
/// a growing table of their own (commit 11f4819) it cost 89 ns, and 92 ns with that table kept empty: not worth a
/// second table, its memory and its lock. The word table, per-document memo and thread-static recent answers that
/// stood in front of it before are gone too.
/// </para>
/// </summary>
public sealed class CompactLexicon
{
    private struct Slot
    {
        public int Offset;      // 1 + offset of the form in _text; 0 = empty
        public byte Length;     // form length (forms longer than 255 chars are skipped)
        public byte Check;      // high bits of the form's hash
        public ushort Value;    // index into _distinct
    }

    private readonly string _text;
    private readonly Slot[] _slots;
    private readonly List<string> _distinct = [];
    private readonly int _mask;

    public int Count { get; }

    /// <param name="text">The file's text: one entry per line, '#' comments, "form" or "form TAB value".</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once over 200,000 lines: no slow first tier
    public CompactLexicon(string text)
    {
        _text = text;
        var lines = 0;
        foreach (var c in text) if (c == '\n') lines++;
        var size = 1024;
        while (size < lines * 2) size <<= 1;
        _slots = new Slot[size];
        _mask = size - 1;
        var valueIds = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var end = text.IndexOf('\n', i);
            if (end < 0) end = text.Length;
            var lineEnd = end;
            while (lineEnd > i && char.IsWhiteSpace(text[lineEnd - 1])) lineEnd--;
            if (lineEnd > i && text[i] != '#')
            {
                var tab = text.IndexOf('\t', i, lineEnd - i);
                var formEnd = tab < 0 ? lineEnd : tab;
                var value = tab < 0 ? "" : text[(tab + 1)..lineEnd];
                if (formEnd - i is > 0 and <= 255)
                {
                    if (!valueIds.TryGetValue(value, out var id))
                    {
                        id = (ushort)_distinct.Count;
                        valueIds[value] = id;
                        _distinct.Add(value);
                    }
                    if (Insert(i, formEnd - i, id)) Count++;
                }
            }
            i = end + 1;
        }
    }

    private bool Insert(int start, int length, ushort value)
    {
        var form = _text.AsSpan(start, length);
        var hash = Hash(form);
        var slot = (int)hash & _mask;
        while (_slots[slot].Offset != 0)
        {
            if (Matches(_slots[slot], hash, form)) return false; // first entry wins
            slot = (slot + 1) & _mask;
        }
        _slots[slot] = new Slot { Offset = start + 1, Length = (byte)length, Check = CheckOf(hash), Value = value };
        return true;
    }

    /// <summary>The value of a form, or null when the list does not hold it.</summary>
    public string? Get(ReadOnlySpan<char> form)
    {
        if (form.Length is 0 or > 255) return null;
        var hash = Hash(form);
        var slot = (int)hash & _mask;
        while (_slots[slot].Offset != 0)
        {
            if (Matches(_slots[slot], hash, form)) return _distinct[_slots[slot].Value];
            slot = (slot + 1) & _mask;
        }
        return null;
    }

    private bool Matches(in Slot slot, uint hash, ReadOnlySpan<char> form) =>
        slot.Check == CheckOf(hash) && slot.Length == form.Length && _text.AsSpan(slot.Offset - 1, form.Length).SequenceEqual(form);

    private static byte CheckOf(uint hash) => (byte)(hash >> 24);

    public bool Contains(ReadOnlySpan<char> form) => Get(form) is not null;

    /// <summary>Every form whose value is <paramref name="value"/>.</summary>
    public IEnumerable<string> FormsWithValue(string value)
    {
        for (var slot = 0; slot < _slots.Length; slot++)
            if (_slots[slot].Offset != 0 && _distinct[_slots[slot].Value] == value)
                yield return _text.Substring(_slots[slot].Offset - 1, _slots[slot].Length);
    }

    private static uint Hash(ReadOnlySpan<char> s) => StableHash.Mix32(StableHash.Fnv32(s));
}
