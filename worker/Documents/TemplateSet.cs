using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace Campaigns.Documents;

/// <summary>
/// Every Handlebars template in templates/, compiled once. A value missing from the model is an error, never
/// a blank in an official letter. Names are file names without ".hbs": "department-letter.html", "reminder.txt".
/// </summary>
public sealed class TemplateSet
{
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _templates;

    private TemplateSet(Dictionary<string, HandlebarsTemplate<object, object>> templates) => _templates = templates;

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public static TemplateSet Load(string folder)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        var partials = Path.Combine(folder, "partials");
        if (Directory.Exists(partials))
        {
            foreach (var path in Directory.GetFiles(partials, "*.hbs"))
            {
                Compile(path, () => handlebars.RegisterTemplate(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)));
            }
        }
        var templates = new Dictionary<string, HandlebarsTemplate<object, object>>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, "*.hbs"))
        {
            templates[Path.GetFileNameWithoutExtension(path)] = Compile(path, () => handlebars.Compile(File.ReadAllText(path)));
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
        try
        {
            return template(model);
        }
        catch (HandlebarsUndefinedBindingException e)
        {
            throw new TemplateException($"Template {name}.hbs: the model ({model.GetType().Name}) has no value for '{e.Path}'.", e);
        }
    }

    private static T Compile<T>(string path, Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (HandlebarsException e)
        {
            throw new TemplateException($"Template {path}: {e.Message}", e);
        }
    }

    private static void Compile(string path, Action compile) => Compile(path, () => { compile(); return 0; });
}
