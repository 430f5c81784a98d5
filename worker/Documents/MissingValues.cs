using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Campaigns.Documents;

/// <summary>
/// Finds what a model would print as a blank: a null where the property is not declared nullable, or an empty
/// string. Scriban's strict mode only catches a name that does not exist; a property that exists and is null or ""
/// renders as nothing, which in an official letter is a wrong letter.
/// </summary>
public static class MissingValues
{
    private const int MaxDepth = 8;

    // Reflection and nullability metadata once per model type: a publicity of thousands of rows is checked per row.
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool AllowNull)[]> Properties = new();

    /// <summary>One blank value: the property path from the model ("Pages[2].Address") and its segments without indices.</summary>
    public sealed record Blank(string Path, IReadOnlyList<string> Segments, string Why);

    public static IReadOnlyList<Blank> In(object model)
    {
        var blanks = new List<Blank>();
        Visit(model, null, blanks, 0);
        return blanks;
    }

    /// <summary>
    /// Where a value sits in the model, as a chain back to the model; made into a path only for a blank. The path of every
    /// value visited was built before every render, and showed in the draw day's profile.
    /// </summary>
    private sealed record Trail(Trail? Parent, string? Property, int Index)
    {
        public string Path => Property is null ? $"{Parent?.Path}[{Index}]" : Parent is null ? Property : $"{Parent.Path}.{Property}";

        public IReadOnlyList<string> Segments =>
            Property is null ? Parent?.Segments ?? [] : Parent is null ? [Property] : [.. Parent.Segments, Property];
    }

    private static void Visit(object value, Trail? trail, List<Blank> blanks, int depth)
    {
        if (depth > MaxDepth || value is string || value is ValueType)
        {
            return;
        }
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Check(item, allowNull: false, new Trail(trail, null, i++), blanks, depth);
            }
            return;
        }
        foreach (var (property, allowNull) in Properties.GetOrAdd(value.GetType(), Describe))
        {
            Check(property.GetValue(value), allowNull, new Trail(trail, property.Name, 0), blanks, depth);
        }
    }

    private static (PropertyInfo, bool)[] Describe(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Select(p => (p, nullability.Create(p).ReadState == NullabilityState.Nullable))];
    }

    private static void Check(object? value, bool allowNull, Trail trail, List<Blank> blanks, int depth)
    {
        switch (value)
        {
            case null when !allowNull:
                blanks.Add(new Blank(trail.Path, trail.Segments, "null"));
                break;
            case string text when !allowNull && string.IsNullOrWhiteSpace(text):
                blanks.Add(new Blank(trail.Path, trail.Segments, "empty"));
                break;
            case not null:
                Visit(value, trail, blanks, depth + 1);
                break;
            default:
                break;
        }
    }
}
