using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace Campaigns.Documents;

/// <summary>
/// Every Handlebars template in templates/, compiled once. A value missing from the model is an error, never
/// a blank in an official letter: a field the model lacks, and a field that is null or empty, both stop the
/// render with "file:line: message" naming the field. Names are file names without ".hbs": "department-letter.html".
/// </summary>
public sealed partial class TemplateSet
{
    private readonly Dictionary<string, (HandlebarsTemplate<object, object> Render, TemplateSource Source)> _templates;

    private TemplateSet(Dictionary<string, (HandlebarsTemplate<object, object>, TemplateSource)> templates) => _templates = templates;

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public static TemplateSet Load(string folder)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        var partials = Path.Combine(folder, "partials");
        if (Directory.Exists(partials))
        {
            foreach (var path in Directory.GetFiles(partials, "*.hbs").Order(StringComparer.Ordinal))
            {
                var source = Read(path);
                Compile(source, () => { handlebars.RegisterTemplate(Path.GetFileNameWithoutExtension(path), source.Text); return 0; });
            }
        }
        var templates = new Dictionary<string, (HandlebarsTemplate<object, object>, TemplateSource)>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, "*.hbs").Order(StringComparer.Ordinal))
        {
            var source = Read(path);
            templates[Path.GetFileNameWithoutExtension(path)] = (Compile(source, () => handlebars.Compile(source.Text)), source);
        }
        return new TemplateSet(templates);
    }

    public bool Has(string name) => _templates.ContainsKey(name);

    public string Render(string name, object model)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new TemplateException($"No template '{name}' (templates/{name}.hbs).");
        }
        var source = template.Source;
        var type = model.GetType().Name;
        // Every blank at once, so one failed tick shows the operator all there is to fix.
        var blanks = MissingValues.In(model);
        if (blanks.Count > 0)
        {
            throw new TemplateException(string.Join("\n", blanks.Select(b =>
                source.At(source.LineOfField(b.Segments), $"missing field {b.Segments[^1]}: {type}.{b.Path} is {b.Why}"))));
        }
        try
        {
            return template.Render(model);
        }
        catch (HandlebarsUndefinedBindingException e)
        {
            var segments = e.Path.Replace("../", "").Split('.', StringSplitOptions.RemoveEmptyEntries);
            throw new TemplateException(source.At(source.LineOfField(segments), $"missing field {e.MissingKey}: the model {type} has no '{e.Path}'"), e);
        }
        catch (HandlebarsRuntimeException e)
        {
            throw new TemplateException(source.At(null, e.Message), e);
        }
    }

    private static TemplateSource Read(string path) => new(path, File.ReadAllText(path));

    private static T Compile<T>(TemplateSource source, Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (HandlebarsParserException e)
        {
            var at = ParserPosition().Match(e.Message);
            var line = at.Success ? int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            throw new TemplateException(source.At(line, ParserPosition().Replace(e.Message, "").Trim()), e);
        }
        catch (HandlebarsException e)
        {
            throw new TemplateException(source.At(source.LineOfUnbalancedBlock(), e.Message), e);
        }
    }

    /// <summary>Handlebars.Net appends "Occured at: line:column" (1-based line) to parser errors.</summary>
    [GeneratedRegex(@"\s*Occured at:\s*(\d+):(\d+)")]
    private static partial Regex ParserPosition();
}
