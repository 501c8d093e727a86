using System.Text.Json.Serialization;

namespace Recoupe.Core.Model;

/// <summary>
/// A JSON form of one <see cref="Model.Figure"/> (an article's figure, the store's listing, a digest claim's item):
/// the figure's own fields shown flat and first, read from the figure rather than copied; each form adds its fields
/// after them. The negative orders keep these first whatever the serializer does with a base type's properties.
/// </summary>
public abstract record FlatFigure
{
    protected FlatFigure(Figure figure) => Figure = figure;

    [JsonIgnore] public Figure Figure { get; }
    [JsonPropertyOrder(-6)] public decimal Value => Figure.Value;
    [JsonPropertyOrder(-5)] public string? Unit => Figure.Unit;
    [JsonPropertyOrder(-4)] public string? Counts => Figure.Counts;
    [JsonPropertyOrder(-3)] public string? Qualifier => Figure.Qualifier;
    [JsonPropertyOrder(-2)] public string? Scope => Figure.Scope;
    [JsonPropertyOrder(-1)] public string? ClaimedBy => Figure.ClaimedBy;

    /// <summary>The figure a flat JSON form gives back: its span is its evidence's.</summary>
    protected static Figure Read(Evidence evidence, decimal value, string? unit, string? counts, string? qualifier,
        string? scope, string? claimedBy, string? claimedByKey = null) => new(evidence.Start, evidence.End, value)
    {
        Unit = unit, Counts = counts, Qualifier = qualifier, Scope = scope, ClaimedBy = claimedBy, ClaimedByKey = claimedByKey,
    };
}
