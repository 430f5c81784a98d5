using System.Collections;
using System.Reflection;

namespace Campaigns.Documents;

/// <summary>
/// Finds what a model would print as a blank: a null where the property is not declared nullable, or an empty
/// string. Handlebars.Net's ThrowOnUnresolvedBindingExpression only catches a property that does not exist; a
/// property that exists and is null or "" renders as nothing, which in an official letter is a wrong letter.
/// </summary>
public static class MissingValues
{
    private const int MaxDepth = 8;

    /// <summary>One blank value: the property path from the model ("Pages[2].Address") and its segments without indices.</summary>
    public sealed record Blank(string Path, IReadOnlyList<string> Segments, string Why);

    public static IReadOnlyList<Blank> In(object model)
    {
        var blanks = new List<Blank>();
        Visit(model, "", [], new NullabilityInfoContext(), blanks, 0);
        return blanks;
    }

    private static void Visit(object value, string path, IReadOnlyList<string> segments, NullabilityInfoContext nullability, List<Blank> blanks, int depth)
    {
        if (depth > MaxDepth || value is string || value.GetType().IsValueType)
        {
            return;
        }
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Check(item, allowNull: false, $"{path}[{i++}]", segments, nullability, blanks, depth);
            }
            return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }
            var allowNull = nullability.Create(property).ReadState == NullabilityState.Nullable;
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            Check(property.GetValue(value), allowNull, name, [.. segments, property.Name], nullability, blanks, depth);
        }
    }

    private static void Check(object? value, bool allowNull, string path, IReadOnlyList<string> segments, NullabilityInfoContext nullability, List<Blank> blanks, int depth)
    {
        switch (value)
        {
            case null when !allowNull:
                blanks.Add(new Blank(path, segments, "null"));
                break;
            case string text when !allowNull && string.IsNullOrWhiteSpace(text):
                blanks.Add(new Blank(path, segments, "empty"));
                break;
            case not null:
                Visit(value, path, segments, nullability, blanks, depth + 1);
                break;
            default:
                break;
        }
    }
}
