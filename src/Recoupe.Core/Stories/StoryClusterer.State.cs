using System.Globalization;
using System.Text;

namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>Bumped whenever the clustering model changes what it produces: a saved state of another model is refused.</summary>
    public const int ModelVersion = 7;

    private const int StateFormat = 3;
    private const string StateMagic = "RCSTORY";

    /// <summary>
    /// Names the model and its settings; a saved state is only resumed under the same key, and stories computed under
    /// another key call for a recluster.
    /// </summary>
    public string ModelKey => string.Create(CultureInfo.InvariantCulture,
        $"stories/v{ModelVersion} title={_options.TitleBoost} entity={_options.EntityBoost} terms={_options.IndexTermsPerArticle} " +
        $"postings={_options.PostingCapacity} candidates={_options.MaxCandidates} window={_options.WindowDays} half={_options.DecayHalfDays} " +
        $"join={_options.JoinThreshold} evidence={_options.EvidenceBeyondTopConcept} mergeMean={_options.MergeMeanLinkShare} subject={_options.SubjectConcepts}/{_options.StoryThemeConcepts} cohesion={_options.CohesionFloor} headlineName={_options.HeadlineNameShare}/{_options.HeadlineNameAndWordShare}/{_options.HeadlineNameDays} headlineSubject={_options.HeadlineNameAndWordIsSubject} headlineIndex={_options.IndexHeadlineTerms} copyJ={_options.CopyJaccard} copyC={_options.CopyContainment}")
        + (_options.ThesaurusConcepts ? " concepts" : "") + (_options.FoldNameVariants ? " name-variants" : "") + (_options.FoldPlaceNames ? " place-names" : "") + (_options.HeadlineThesaurus ? " headline-thesaurus" : "")
        + (_options.SecondChance ? " second-chance" : "") + (_options.HeadlineEvidenceConcepts > 0 ? $" headline-evidence={_options.HeadlineEvidenceConcepts}" : "");

    /// <summary>
    /// Writes the state held in memory (statistics, open stories and their articles, indexes, live copy groups) to
    /// <paramref name="stream"/>. A clusterer loaded from it goes on exactly as this one would: same stories, same ids.
    /// Changes not taken yet count as taken (the caller writes them with the state); stories that left memory are not
    /// in it, so its size follows the open stories, not the history.
    /// </summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(StateMagic);
        writer.Write(StateFormat);
        writer.Write(ModelKey);
        _terms.Write(writer);
        writer.Write(_latestDay);
        writer.Write(_sweptDay);
        writer.Write(StoryCount);
        writer.Write(_nextSeq);
        writer.Write(_nextStoryIndex);
        writer.Write(_nextGroup);
        writer.Write(_eventCount);
        writer.Write(_retiredSinceCompaction);
        writer.Write(_closedSincePrune);
        writer.Write(_observed.Count);
        foreach (var key in _observed) writer.Write(key);

        writer.Write(_articles.Count);
        foreach (var a in _articles.Values.OrderBy(a => a.Seq))
        {
            writer.Write(a.Seq);
            writer.Write(a.SourceId);
            writer.Write(a.ContentKey);
            WriteNullable(writer, a.Outlet);
            writer.Write(a.Title);
            writer.Write(a.Day);
            writer.Write(a.Ticks);
            WriteInts(writer, a.Terms);
            WriteFloats(writer, a.Weights);
            writer.Write(a.IdfNorm);
            writer.Write(a.NormEpoch);
            writer.Write(a.Story);
            writer.Write(a.CopyGroup);
            writer.Write(a.ShingleCount);
            WriteInts(writer, a.LinkSeqs);
            WriteFloats(writer, a.LinkCosines);
            WriteInts(writer, a.TitleConcepts);
        }

        writer.Write(_stories.Count);
        foreach (var s in _stories.Values.OrderBy(s => s.Index))
        {
            writer.Write(s.Index);
            writer.Write(s.Id);
            writer.Write(s.Founder);
            WriteInts(writer, s.Members.ToArray());
            // A story of one shares its article's arrays; keep that sharing across a reload.
            var shared = s.Members.Count == 1 && s.CentroidTerms is not null && ReferenceEquals(s.CentroidTerms, _articles[s.Members[0]].Terms);
            writer.Write(shared);
            if (!shared)
            {
                WriteInts(writer, s.CentroidTerms);
                WriteFloats(writer, s.CentroidValues);
            }
            writer.Write(s.CentroidScale);
            writer.Write(s.FirstDay);
            writer.Write(s.LastDay);
            writer.Write(s.DaySum);
            writer.Write(s.PairSum);
            writer.Write(s.PairCount);
            writer.Write(s.Alive);
            writer.Write(s.MergedInto);
            writer.Write(s.ClosedLabel is not null);
            if (s.ClosedLabel is { } closed)
            {
                writer.Write(closed.Headline);
                WriteStrings(writer, closed.Entities);
                WriteStrings(writer, closed.Words);
            }
            writer.Write(s.Norm);
            writer.Write(s.NormEpoch);
            writer.Write(s.NormDirty);
        }
        WriteInts(writer, _openStories.ToArray());
        WriteInts(writer, _leaving.ToArray());

        writer.Write(_postings.Count);
        foreach (var (term, posting) in _postings)
        {
            writer.Write(term);
            posting.Write(writer);
        }
        _nearDuplicates.Write(writer);

        writer.Write(_copyGroups.Count);
        foreach (var g in _copyGroups.Values.OrderBy(g => g.Index))
        {
            writer.Write(g.Index);
            writer.Write(g.Original);
            writer.Write(g.OriginalId);
            writer.Write(g.OriginalDay);
            writer.Write(g.LastDay);
            writer.Write(g.Retired);
            writer.Write(g.ShingleCount);
            foreach (var value in g.Signature) writer.Write(value);
            WriteInts(writer, g.Members.ToArray());
            WriteStrings(writer, g.MemberIds);
        }
        WriteInts(writer, _retiredGroups.ToArray());
        writer.Write(_groupExpiry.Count);
        foreach (var (group, day) in _groupExpiry.UnorderedItems)
        {
            writer.Write(group);
            writer.Write(day);
        }
        writer.Write(StateMagic);
    }

    /// <summary>
    /// A clusterer restored from <see cref="Save"/>. Throws <see cref="InvalidDataException"/> when the stream is not a
    /// saved state, or was saved by another model (<see cref="ModelKey"/>): the caller then reclusters from the articles.
    /// </summary>
    public static StoryClusterer Load(Stream stream, StoryClusteringOptions? options = null)
    {
        var clusterer = new StoryClusterer(options);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != StateMagic) throw new InvalidDataException("not a saved story clustering state");
            var format = reader.ReadInt32();
            if (format != StateFormat) throw new InvalidDataException($"saved story state has format {format}, this build reads {StateFormat}");
            var model = reader.ReadString();
            if (model != clusterer.ModelKey)
                throw new InvalidDataException($"saved story state was made by another model ({model}); this build uses {clusterer.ModelKey}");
            clusterer.ReadState(reader);
            if (reader.ReadString() != StateMagic) throw new InvalidDataException("saved story state is truncated");
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("saved story state is truncated", e);
        }
        return clusterer;
    }

    private void ReadState(BinaryReader reader)
    {
        _terms.Read(reader);
        _latestDay = reader.ReadInt32();
        _sweptDay = reader.ReadInt32();
        StoryCount = reader.ReadInt32();
        _nextSeq = reader.ReadInt32();
        _nextStoryIndex = reader.ReadInt32();
        _nextGroup = reader.ReadInt32();
        _eventCount = reader.ReadInt32();
        _retiredSinceCompaction = reader.ReadInt32();
        _closedSincePrune = reader.ReadInt32();
        var observed = reader.ReadInt32();
        for (var i = 0; i < observed; i++) _observed.Add(reader.ReadString());

        var articles = reader.ReadInt32();
        _articles.EnsureCapacity(articles);
        for (var i = 0; i < articles; i++)
        {
            var article = new ArticleRecord
            {
                Seq = reader.ReadInt32(),
                SourceId = reader.ReadString(),
                ContentKey = reader.ReadString(),
                Outlet = ReadNullable(reader),
                Title = reader.ReadString(),
                Day = reader.ReadInt32(),
                Ticks = reader.ReadInt64(),
                Terms = ReadInts(reader),
                Weights = ReadFloats(reader),
                IdfNorm = reader.ReadDouble(),
                NormEpoch = reader.ReadInt32(),
                Story = reader.ReadInt32(),
                CopyGroup = reader.ReadInt32(),
                ShingleCount = reader.ReadInt32(),
                LinkSeqs = ReadInts(reader),
                LinkCosines = ReadFloats(reader),
                TitleConcepts = ReadInts(reader),
            };
            _articles.Add(article.Seq, article);
            _articleBySourceId[article.SourceId] = article.Seq;
        }

        var stories = reader.ReadInt32();
        for (var i = 0; i < stories; i++)
        {
            var story = new StoryRecord { Index = reader.ReadInt32(), Id = reader.ReadString(), Founder = reader.ReadInt32() };
            story.Members.AddRange(ReadInts(reader) ?? []);
            if (reader.ReadBoolean())
            {
                var article = _articles[story.Members[0]];
                story.CentroidTerms = article.Terms;
                story.CentroidValues = article.Weights;
            }
            else
            {
                story.CentroidTerms = ReadInts(reader);
                story.CentroidValues = ReadFloats(reader);
            }
            story.CentroidScale = reader.ReadSingle();
            story.FirstDay = reader.ReadInt32();
            story.LastDay = reader.ReadInt32();
            story.DaySum = reader.ReadInt64();
            story.PairSum = reader.ReadDouble();
            story.PairCount = reader.ReadInt32();
            story.Alive = reader.ReadBoolean();
            story.MergedInto = reader.ReadInt32();
            if (reader.ReadBoolean())
                story.ClosedLabel = new ClosedLabel(reader.ReadInt32(), ReadStrings(reader), ReadStrings(reader));
            story.Norm = reader.ReadDouble();
            story.NormEpoch = reader.ReadInt32();
            story.NormDirty = reader.ReadBoolean();
            _stories.Add(story.Index, story);
            _storyById[story.Id] = story.Index;
        }
        _openStories.AddRange(ReadInts(reader) ?? []);
        _leaving.AddRange(ReadInts(reader) ?? []);

        var postings = reader.ReadInt32();
        _postings.EnsureCapacity(postings);
        for (var i = 0; i < postings; i++)
        {
            var term = reader.ReadInt32();
            _postings[term] = PostingList.Read(reader);
        }
        _nearDuplicates.Read(reader);

        var groups = reader.ReadInt32();
        for (var i = 0; i < groups; i++)
        {
            var group = new CopyGroupRecord
            {
                Index = reader.ReadInt32(), Original = reader.ReadInt32(), OriginalId = reader.ReadString(), OriginalDay = reader.ReadInt32(),
                LastDay = reader.ReadInt32(), Retired = reader.ReadBoolean(), ShingleCount = reader.ReadInt32(), Signature = new uint[MinHash.Size],
            };
            for (var k = 0; k < MinHash.Size; k++) group.Signature[k] = reader.ReadUInt32();
            group.Members.AddRange(ReadInts(reader) ?? []);
            group.MemberIds.AddRange(ReadStrings(reader));
            _copyGroups.Add(group.Index, group);
        }
        _retiredGroups.AddRange(ReadInts(reader) ?? []);
        var expiring = reader.ReadInt32();
        for (var i = 0; i < expiring; i++) _groupExpiry.Enqueue(reader.ReadInt32(), reader.ReadInt32());
        // Whoever saved the state has taken the changes up to here (events are not kept).
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    private static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteInts(BinaryWriter writer, int[]? values)
    {
        writer.Write(values?.Length ?? -1);
        if (values is null) return;
        foreach (var v in values) writer.Write(v);
    }

    private static int[]? ReadInts(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0) return null;
        var values = new int[length];
        for (var i = 0; i < length; i++) values[i] = reader.ReadInt32();
        return values;
    }

    private static void WriteFloats(BinaryWriter writer, float[]? values)
    {
        writer.Write(values?.Length ?? -1);
        if (values is null) return;
        foreach (var v in values) writer.Write(v);
    }

    private static float[]? ReadFloats(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0) return null;
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = reader.ReadSingle();
        return values;
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var v in values) writer.Write(v);
    }

    private static List<string> ReadStrings(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var list = new List<string>(count);
        for (var i = 0; i < count; i++) list.Add(reader.ReadString());
        return list;
    }
}
