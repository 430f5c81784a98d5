using Campaigns.Calendar;
using Campaigns.Cli;
using Campaigns.Core.Calendar;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.OfficeActions;
using Campaigns.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Web;

/// <summary>
/// The console's shell: who is looking (a session cookie's grant, checked against revocations and the plans as they
/// stand), the store's facts read for a page, the page rendered from its Scriban template. The pages' content is built by
/// the page records' own functions; the actions are the CLI's (<see cref="OfficeActions"/>).
/// </summary>
public sealed class ConsoleService(
    CampaignStore store, ConsolePlans plans, TemplateSet templates, IOptions<WorkerOptions> options, TimeProvider time, CalendarSource calendars,
    IServiceProvider services)
{
    private readonly Lazy<LinkSigner?> _signer = new(() => ConsoleKey.Load(options.Value) is { } key ? new LinkSigner(key) : null);

    public LinkSigner? Signer => _signer.Value;

    public CampaignStore Store => store;

    public ConsolePlans Plans => plans;

    public WorkerOptions Options => options.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The tick's own calendar source: re-read only when a notice file changes, not on every page.</summary>
    public WorkingCalendar Calendar() => calendars.Load(options.Value.Resolve(options.Value.Calendar));

    public DateOnly Today(AnnualPlan plan) => TickService.OfficeDate(time.GetUtcNow(), plan.Office.TimeZone);

    /// <summary>The grant a token carries if it checks, is not revoked, and the plans still list its holder.</summary>
    public (Viewer? Viewer, string? Refusal) Open(string? token, string purpose)
    {
        if (Signer is not { } signer)
        {
            return (null, "网页控制台未启用（未配置 ConsoleKey）");
        }
        var check = signer.Check(token, purpose, time.GetUtcNow());
        if (check.Grant is not { } grant)
        {
            return (null, check.Refusal);
        }
        if (grant.Role != ConsoleRole.Admin && store.ConsoleRevokedBefore(grant.Recipient) is { } revoked && grant.IssuedAt <= revoked)
        {
            return (null, "此链接已被撤销，请使用撤销之后收到的邮件中的链接");
        }
        var viewer = Viewer.Resolve(grant, plans.All(), signer.RecipientKey, options.Value.AdminUser);
        return viewer is null ? (null, "当前计划中已没有此链接的收件人，链接不再有效") : (viewer, null);
    }

    public Viewer? ViewerOf(HttpContext context) => Open(ConsoleSession.Read(context), LinkSigner.SessionPurpose).Viewer;

    /// <summary>Starts a session for <paramref name="grant"/>: at most the session lifetime, never past the link's own expiry.</summary>
    public void StartSession(HttpContext context, ConsoleGrant grant)
    {
        var expires = Min(grant.Expires, time.GetUtcNow() + options.Value.ConsoleSessionLifetime);
        // A browser-session cookie: the expiry that counts is the one signed inside it, checked on the worker's clock.
        ConsoleSession.Write(context, ConsoleSession.Cookie, Signer!.Sign(grant with { Expires = expires }, LinkSigner.SessionPurpose));
    }

    public bool FormTokenHolds(HttpContext context, string? token) =>
        Signer is { } signer && ConsoleSession.Read(context) is { } session && signer.IsFormToken(session, token);

    public ConsoleLayout Layout(HttpContext context, string title, Viewer? viewer, string? notice = null)
    {
        List<NavLink> links = [];
        if (viewer is not null)
        {
            var all = plans.All();
            foreach (var plan in all.Where(p => p.Plan is { } plan && viewer.CanSeeBoard(plan)))
            {
                links.Add(new NavLink($"/board/{Uri.EscapeDataString(plan.Slug)}", $"{plan.Plan!.Year}年度看板"));
            }
            if (viewer.Role == ConsoleRole.Leader || viewer.IsAdmin)
            {
                links.Add(new NavLink("/leader", "超期情况"));
            }
            if (viewer.IsAdmin)
            {
                links.Add(new NavLink("/admin", "系统管理"));
            }
        }
        var who = viewer is null ? null : viewer.IsAdmin ? $"管理员 {viewer.Name}" : viewer.Name;
        var token = viewer is not null && Signer is { } signer && ConsoleSession.Read(context) is { } session ? signer.FormToken(session) : null;
        return new ConsoleLayout(title, who, links, token, notice);
    }

    public IResult Page(string template, object model, int status = StatusCodes.Status200OK) =>
        Results.Content(templates.Render($"{template}.html", model), "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public IResult Message(HttpContext context, Viewer? viewer, string heading, string text, int status) =>
        Page("web-message", new MessagePage(Layout(context, heading, viewer), heading, text), status);

    /// <summary>What the store holds of one campaign for its page, the draw verified against its own snapshot.</summary>
    public CampaignData Data(AnnualPlan plan, CampaignPlan campaign, WorkingCalendar calendar)
    {
        var draw = ResultsEntry.Drawn(store, campaign.Id);
        var original = store.Draw(campaign.Id);
        IReadOnlyList<string> check = [];
        if (original is not null)
        {
            var folder = Path.Combine(options.Value.Resolve(options.Value.Documents), $"{plan.Year}", campaign.Id, "snapshot");
            var (evidence, problems) = DrawSnapshotFolder.Read(original, folder);
            check = evidence is null || problems.Count > 0 ? problems
                : Core.Draws.DrawVerifier.Verify(original, evidence with { Substitutions = store.Substitutions(campaign.Id) });
        }
        return new CampaignData(
            store.Campaigns().FirstOrDefault(c => c.Id == campaign.Id)?.State,
            draw,
            check,
            store.Results(campaign.Id),
            FollowUpClosing.Of(store, campaign.Id, calendar),
            store.DeliveriesOf(campaign.Id),
            store.DocumentsOf(campaign.Id),
            store.PublicationOf(campaign.Id),
            store.ListConfirmationsOf(campaign.Id),
            store.ActiveFlags());
    }

    /// <summary>Asks the scheduler for a tick now, so an action's effect (results complete, publicity confirmed) shows at once.</summary>
    public async Task TickSoon()
    {
        // As the plan watcher does; a host without the schedule (none serves the console today) has no scheduler to ask.
        if (services.GetKeyedService<IScheduler>(WorkerHost.SchedulerName) is { } scheduler)
        {
            await scheduler.TriggerJob(TickJob.Key);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
