using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Campaigns.Documents;

/// <summary>
/// The model's properties as a template's top-level names, read through the context's cached member accessor:
/// importing the model into a ScriptObject would copy every property by reflection on every render.
/// </summary>
internal sealed class ModelScope(TemplateContext context, object model) : IScriptObject
{
    private readonly IObjectAccessor _accessor = context.GetMemberAccessor(model);

    public int Count => _accessor.GetMemberCount(context, default, model);

    public bool IsReadOnly { get => true; set { } }

    public IEnumerable<string> GetMembers() => _accessor.GetMembers(context, default, model);

    public bool Contains(string member) => _accessor.HasMember(context, default, model, member);

    public bool TryGetValue(TemplateContext? caller, SourceSpan span, string member, out object? value) =>
        _accessor.TryGetValue(caller ?? context, span, model, member, out value);

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? caller, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;
}
