using System.Buffers;
using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Campaigns.Documents;

/// <summary>
/// Scriban's context as our templates need it: strict (an unknown variable or member is an error at its line and
/// column, where Scriban would print nothing), no limits on loops or output size (a province's publicity has
/// thousands of rows), names as the model spells them, and the value of every expression HTML-escaped in a
/// <c>.sbn-html</c> template unless the template passes it through <c>raw</c>. Raw text of the template is never touched.
/// </summary>
internal sealed class RenderContext : TemplateContext
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    // The template's own assignments (`reminder = item.Reminder`) land here, never on the model.
    private readonly ScriptObject _variables = [];
    private bool _escape;

    public RenderContext(IReadOnlyDictionary<string, TemplateSource> partials)
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        TryGetMember = NoSuchMember;
        LoopLimit = 0;
        LimitToString = 0;
        AutoIndent = false;
        // Names as in the model (Title, OpenItems): the template, the model and an error message all say the same
        // name, and capitalised names never collide with Scriban's own lower-case keywords and functions.
        MemberRenamer = member => member.Name;
        TemplateLoader = new PartialLoader(partials);
        foreach (var (file, partial) in partials)
        {
            CachedTemplates[file] = partial.Template;
        }
        var functions = new ScriptObject();
        functions.Import("raw", new Func<object?, RawHtml>(value => new RawHtml(ObjectToString(value) ?? "")));
        // Scriban's include returns the partial's output as a string, which Write would escape a second time.
        functions.Import("include", new Func<string, RawHtml>(file =>
            new RawHtml(RenderTemplate(GetOrCreateTemplate(GetTemplatePathFromName(file, CurrentNode)!, CurrentNode), [], CurrentNode))));
        PushGlobal(functions);
    }

    public string Render(TemplateSource source, object model)
    {
        _escape = source.Html;
        PushGlobal(new ModelScope(this, model));
        PushGlobal(_variables);
        try
        {
            return source.Template.Render(this);
        }
        finally
        {
            PopGlobal();
            PopGlobal();
            _variables.Clear();
        }
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case RawHtml raw:
                Write(raw.Html);
                return this;
            case not null when _escape:
                Write(Escape(ObjectToString(textAsObject)));
                return this;
            default:
                return base.Write(span, textAsObject);
        }
    }

    /// <summary>&amp; &lt; &gt; " and ' as entities: enough for text and for a quoted attribute value.</summary>
    public static string? Escape(string? text)
    {
        if (text is null || text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }
        return escaped.ToString();
    }

    private static bool NoSuchMember(TemplateContext context, SourceSpan span, object target, string member, out object? value) =>
        throw new ScriptRuntimeException(span, $"{target.GetType().Name} has no field '{member}'");

    /// <summary>Resolves an include to a partial parsed with the set; the partials are already in the context's cache.</summary>
    private sealed class PartialLoader(IReadOnlyDictionary<string, TemplateSource> partials) : ITemplateLoader
    {
        public string? GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
            partials.ContainsKey(templateName) ? templateName
                : throw new ScriptRuntimeException(callerSpan, $"no partial '{templateName}' in templates/ (partials are the files starting with '_')");

        public string? Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => partials[templatePath].Template.Page?.ToString();

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult(Load(context, callerSpan, templatePath));
    }
}
