using System.Collections.Concurrent;
using Scriban;
using Scriban.Syntax;

namespace Campaigns.Documents;

/// <summary>
/// Every Scriban template in templates/, parsed once: <c>name.sbn-html</c> (every printed value HTML-escaped) and
/// <c>name.sbn-txt</c> (nothing escaped), known by name and kind ("reminder.html", "reminder.txt"). Files starting with
/// "_" are partials, included by file name. A value missing from the model is an error, never a blank in an official
/// letter: a misspelt field stops the render with "file:line:column: message"; a field that is null or empty where
/// the model does not allow it stops it too, naming the field and where the template prints it.
/// </summary>
public sealed class TemplateSet
{
    public const string HtmlExtension = ".sbn-html";
    public const string TextExtension = ".sbn-txt";

    private readonly Dictionary<string, TemplateSource> _templates;
    private readonly Dictionary<string, TemplateSource> _partials;

    // A context holds Scriban's member-access cache and its builtins; building one per render would cost more than
    // the render itself, and a context is not thread-safe, so each render borrows one. A queue, not a bag: the tick's
    // producers hop threads, and taking from another thread's part of a bag takes a lock, which the draw day's profile
    // showed contended.
    private readonly ConcurrentQueue<RenderContext> _contexts = [];

    private TemplateSet(Dictionary<string, TemplateSource> templates, Dictionary<string, TemplateSource> partials)
    {
        _templates = templates;
        _partials = partials;
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public static TemplateSet Load(string folder)
    {
        var templates = new Dictionary<string, TemplateSource>(StringComparer.Ordinal);
        var partials = new Dictionary<string, TemplateSource>(StringComparer.Ordinal);
        // A folder copied over an older installation may still hold the templates of the engine before Scriban,
        // which are no longer read: better to stop than to find each missing template at its first render.
        var errors = Directory.GetFiles(folder, "*.hbs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => $"{path}: .hbs templates are no longer read; templates are Scriban files (name{HtmlExtension}, name{TextExtension}), see README \"Documents\"")
            .ToList();
        foreach (var path in Directory.GetFiles(folder, "*.sbn-*").Order(StringComparer.Ordinal))
        {
            var extension = Path.GetExtension(path);
            if (extension is not (HtmlExtension or TextExtension))
            {
                errors.Add($"{path}: unknown template kind '{extension}': use {HtmlExtension} or {TextExtension}");
                continue;
            }
            var template = Template.Parse(File.ReadAllText(path), path);
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(m => TemplateSource.At(m.Span, m.Message)));
                continue;
            }
            var source = new TemplateSource(path, template, Html: extension == HtmlExtension);
            var file = Path.GetFileName(path);
            if (file.StartsWith('_'))
            {
                partials[file] = source;
            }
            else
            {
                templates[$"{Path.GetFileNameWithoutExtension(path)}.{extension[".sbn-".Length..]}"] = source;
            }
        }
        return errors.Count > 0 ? throw new TemplateException(string.Join("\n", errors)) : new TemplateSet(templates, partials);
    }

    public string Render(string name, object model)
    {
        var source = Source(name);
        ThrowIfBlank(source, model);
        return Render(source, model);
    }

    /// <summary>
    /// A message's text part ({template}.txt) and its HTML part when the template has one: the model is checked for blanks
    /// once, not once a part (the walk was a seventh of a province's deadline day), and a blank is shown in the text
    /// template, which rendered first before.
    /// </summary>
    public (string Text, string? Html) RenderMail(string template, object model)
    {
        var text = Source($"{template}.txt");
        ThrowIfBlank(text, model);
        return (Render(text, model), _templates.TryGetValue($"{template}.html", out var html) ? Render(html, model) : null);
    }

    private TemplateSource Source(string name) => _templates.TryGetValue(name, out var source)
        ? source
        : throw new TemplateException($"No template '{name}' (templates/{Path.GetFileNameWithoutExtension(name)}.sbn-{Path.GetExtension(name).TrimStart('.')}).");

    private static void ThrowIfBlank(TemplateSource source, object model)
    {
        // Every blank at once, so one failed tick shows the operator all there is to fix.
        var blanks = MissingValues.In(model);
        if (blanks.Count > 0)
        {
            var type = model.GetType().Name;
            throw new TemplateException(string.Join("\n", blanks.Select(b =>
                source.At(source.FindField(b.Segments), $"missing field {b.Segments[^1]}: {type}.{b.Path} is {b.Why}"))));
        }
    }

    private string Render(TemplateSource source, object model)
    {
        var context = _contexts.TryDequeue(out var pooled) ? pooled : new RenderContext(_partials);
        try
        {
            var text = context.Render(source, model);
            _contexts.Enqueue(context);
            return text;
        }
        catch (ScriptRuntimeException e)
        {
            // The context is dropped, not pooled: a render stopped half-way may leave scopes behind.
            throw new TemplateException(TemplateSource.At(e.Span, e.OriginalMessage), e);
        }
    }
}
