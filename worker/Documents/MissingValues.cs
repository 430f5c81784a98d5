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

    // What can be blank, once per model type: every message and page is checked before it renders, and the walk was a
    // seventh of a province's deadline day (reading each property through PropertyInfo.GetValue).
    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    /// <summary>One blank value: the property path from the model ("Pages[2].Address") and its segments without indices.</summary>
    public sealed record Blank(string Path, IReadOnlyList<string> Segments, string Why);

    /// <summary>A property that can print as a blank, with a delegate bound to its getter.</summary>
    private sealed record Member(string Name, Func<object, object?> Get, bool AllowNull);

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
                Check(item, allowNull: false, trail, null, i++, blanks, depth);
            }
            return;
        }
        foreach (var member in Members.GetOrAdd(value.GetType(), Describe))
        {
            Check(member.Get(value), member.AllowNull, trail, member.Name, 0, blanks, depth);
        }
    }

    // A property of a value type is never blank (a struct is not walked, a Nullable<T> is declared nullable), so only
    // properties of reference types are read.
    private static Member[] Describe(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && !p.PropertyType.IsValueType)
            .Select(p => new Member(p.Name, Getter(p), nullability.Create(p).ReadState == NullabilityState.Nullable))];
    }

    private static Func<object, object?> Getter(PropertyInfo property) =>
        (Func<object, object?>)typeof(MissingValues).GetMethod(nameof(TypedGetter), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(property.DeclaringType!, property.PropertyType)
            .Invoke(null, [property.GetMethod!])!;

    private static Func<object, object?> TypedGetter<TOwner, TValue>(MethodInfo getter)
    {
        var get = getter.CreateDelegate<Func<TOwner, TValue>>();
        return owner => get((TOwner)owner);
    }

    // The trail of a value is built only when it is blank or is walked into; most values are strings that are not blank.
    private static void Check(object? value, bool allowNull, Trail? parent, string? property, int index, List<Blank> blanks, int depth)
    {
        switch (value)
        {
            case null when !allowNull:
                Add(blanks, new Trail(parent, property, index), "null");
                break;
            case string text when !allowNull && string.IsNullOrWhiteSpace(text):
                Add(blanks, new Trail(parent, property, index), "empty");
                break;
            case null or string or ValueType:
                break;
            default:
                Visit(value, new Trail(parent, property, index), blanks, depth + 1);
                break;
        }
    }

    private static void Add(List<Blank> blanks, Trail trail, string why) => blanks.Add(new Blank(trail.Path, trail.Segments, why));
}
