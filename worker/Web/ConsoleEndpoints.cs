using System.Security.Cryptography;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Plans;
using Campaigns.Core.Sheets;
using Campaigns.Hosting;
using Campaigns.OfficeActions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Web;

/// <summary>
/// The console's addresses. Every page but /health needs a session: a personal link from a mail (/c/{token}) starts one,
/// or the admin's login. Forms post back with the session's form token; a post without it changes nothing.
/// </summary>
public static class ConsoleEndpoints
{
    private static readonly Dictionary<string, FollowUpAction> Actions = new()
    {
        ["guidance"] = FollowUpAction.Guidance,
        ["abnormal"] = FollowUpAction.Abnormal,
        ["case"] = FollowUpAction.Case,
        ["transfer"] = FollowUpAction.Transfer,
    };

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // The jobs dashboard is Hangfire's, with its own stylesheets and scripts (its Requeue and Delete buttons): the
            // console's policy would leave it unstyled and dead in a browser.
            if (context.Request.Path.StartsWithSegments(Hosting.HttpHosting.DashboardPath))
            {
                await next(context);
                return;
            }
            // No script, no framing, no referrer (a link's token must not leak to a site the page links to).
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            try
            {
                await next(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Kestrel answers 500 either way; the log names the page, so an office's "it failed" can be found.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEndpoints))
                    .LogError(e, "Console request {Method} {Path} failed", context.Request.Method, context.Request.Path);
                throw;
            }
        });
        app.MapGet("/", Home);
        app.MapGet(ConsoleLinks.OpenPath + "{token}", OpenLink);
        app.MapGet("/login", (HttpContext context, ConsoleService console) => LoginForm(context, console, null, StatusCodes.Status200OK));
        app.MapPost("/login", Login);
        app.MapPost("/logout", async (HttpContext context, ConsoleService console) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (console.FormTokenHolds(context, form["_form"]))
            {
                ConsoleSession.Clear(context);
            }
            return Results.Redirect("/login");
        });
        app.MapGet("/board/{slug}", Board);
        app.MapGet("/leader", Leader);
        app.MapGet("/admin", Admin);
        app.MapPost("/admin/revoke", Revoke);
        app.MapGet("/campaigns/{id}", (HttpContext context, ConsoleService console, string id) => Campaign(context, console, id, null));
        app.MapGet("/campaigns/{id}/template.{format}", Template);
        app.MapGet("/campaigns/{id}/documents/{path}", Document);
        app.MapPost("/campaigns/{id}/results", ImportResults);
        app.MapPost("/campaigns/{id}/publication", Publish);
        app.MapPost("/campaigns/{id}/followups", CloseFollowUp);
        app.MapPost("/campaigns/{id}/list-confirmation", ConfirmList);
        return app;
    }

    private static IResult Home(HttpContext context, ConsoleService console)
    {
        if (console.ViewerOf(context) is not { } viewer)
        {
            return Results.Redirect("/login");
        }
        if (viewer.IsAdmin)
        {
            return Results.Redirect("/admin");
        }
        if (viewer.Role == ConsoleRole.Leader)
        {
            return Results.Redirect("/leader");
        }
        var first = viewer.Offices.Concat(viewer.Departments.Select(d => d.Plan)).First();
        return Results.Redirect($"/board/{Uri.EscapeDataString(first.Slug)}");
    }

    private static IResult OpenLink(HttpContext context, ConsoleService console, string token)
    {
        var (viewer, refusal) = console.Open(token, LinkSigner.LinkPurpose);
        if (viewer is null)
        {
            return console.Message(context, null, "链接无法打开", refusal!, StatusCodes.Status403Forbidden);
        }
        console.StartSession(context, viewer.Grant);
        // Off the token's address at once: the page's own address carries nothing but where it is.
        return Results.Redirect("/");
    }

    private static IResult LoginForm(HttpContext context, ConsoleService console, string? error, int status)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        ConsoleSession.Write(context, ConsoleSession.LoginCookie, nonce);
        var layout = console.Layout(context, "登录", null) with { FormToken = console.Signer?.FormToken(nonce) };
        var enabled = console.Signer is not null && console.Options.AdminPasswordHash is not null;
        return console.Page("web-login", new LoginPage(layout, console.Options.AdminUser, error, enabled), status);
    }

    private static async Task<IResult> Login(HttpContext context, ConsoleService console, LoginThrottle throttle)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.Exhausted(address))
        {
            return LoginForm(context, console, $"登录失败次数过多，请{LoginThrottle.Window.TotalMinutes:0}分钟后再试", StatusCodes.Status429TooManyRequests);
        }
        var form = await context.Request.ReadFormAsync();
        if (console.Signer is not { } signer || console.Options.AdminPasswordHash is not { } hash
            || !context.Request.Cookies.TryGetValue(ConsoleSession.LoginCookie, out var nonce) || !signer.IsFormToken(nonce, form["_form"]))
        {
            return LoginForm(context, console, "登录表单已失效，请重新输入", StatusCodes.Status400BadRequest);
        }
        if (form["user"] != console.Options.AdminUser || !AdminPassword.Verify(hash, form["password"].ToString()))
        {
            throttle.Failed(address);
            return LoginForm(context, console, "用户名或密码不正确", StatusCodes.Status401Unauthorized);
        }
        var now = console.Now;
        console.StartSession(context, new ConsoleGrant(ConsoleRole.Admin, ConsoleGrant.Everything, signer.RecipientKey($"admin:{console.Options.AdminUser}"), now,
            now + console.Options.ConsoleSessionLifetime));
        return Results.Redirect("/admin");
    }

    private static IResult Board(HttpContext context, ConsoleService console, string slug)
    {
        if (console.ViewerOf(context) is not { } viewer)
        {
            return Results.Redirect("/login");
        }
        if (console.Plans.BySlug(slug) is not { Plan: { } plan } || !viewer.CanSeeBoard(plan))
        {
            return console.Message(context, viewer, "无权查看", "此年度计划不在您的范围内", StatusCodes.Status403Forbidden);
        }
        var calendar = console.Calendar();
        var store = console.Store;
        var mine = viewer.DepartmentsOf(plan).Select(d => d.Id).ToHashSet();
        var visible = plan.Campaigns.Where(c => viewer.IsOffice(plan) || viewer.IsLeader(plan) || c.AllDepartments.Any(mine.Contains));
        var states = store.Campaigns().ToDictionary(c => c.Id, c => c.State);
        var page = BoardPage.Build(console.Layout(context, $"{plan.Year}年度抽查工作看板", viewer), plan, visible, calendar, console.Today(plan), states, store.ActiveFlags(),
            id => (ResultsEntry.Drawn(store, id), store.Results(id)));
        return console.Page("web-board", page);
    }

    private static IResult Leader(HttpContext context, ConsoleService console)
    {
        if (console.ViewerOf(context) is not { } viewer)
        {
            return Results.Redirect("/login");
        }
        var led = viewer.IsAdmin ? [.. console.Plans.All().Where(p => p.Plan is not null)] : viewer.Led;
        if (led.Count == 0)
        {
            return console.Message(context, viewer, "无权查看", "您不是任何年度计划的领导小组成员", StatusCodes.Status403Forbidden);
        }
        return console.Page("web-leader", LeaderPage.Build(console.Layout(context, "超期情况", viewer), led, console.Store.ActiveFlags(), console.Calendar(), console.Today));
    }

    private static IResult Admin(HttpContext context, ConsoleService console)
    {
        if (console.ViewerOf(context) is not { IsAdmin: true } viewer)
        {
            return Results.Redirect("/login");
        }
        var folder = console.Options.Resolve(console.Options.Directories);
        var directories = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(f => new AdminPage.DirectoryRow(Path.GetFileName(f), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))),
                    File.GetLastWriteTimeUtc(f).ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                    f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Math.Max(0, File.ReadLines(f).Count(l => l.Length > 0) - 1) : -1))
                .ToList()
            : [];
        return console.Page("web-admin", new AdminPage(console.Layout(context, "系统管理", viewer), [.. console.Plans.All().Select(AdminPage.Row)], directories,
            HttpHosting.DashboardPath));
    }

    private static async Task<IResult> Revoke(HttpContext context, ConsoleService console)
    {
        var form = await context.Request.ReadFormAsync();
        if (console.ViewerOf(context) is not { IsAdmin: true } viewer || !console.FormTokenHolds(context, form["_form"]))
        {
            return Results.Redirect("/login");
        }
        var email = form["email"].ToString().Trim();
        if (email.Length == 0)
        {
            return console.Message(context, viewer, "未撤销", "请填写收件人的电子邮件地址", StatusCodes.Status400BadRequest);
        }
        console.Store.RevokeConsoleLinks(console.Signer!.RecipientKey(email), console.Now, viewer.Actor);
        return console.Message(context, viewer, "已撤销", $"{email} 此前收到的所有链接均已失效；此后发出的邮件中的链接有效", StatusCodes.Status200OK);
    }

    /// <summary>The campaign a viewer may see, or the page that says why not.</summary>
    private static (Viewer? Viewer, ConsolePlan? File, AnnualPlan? Plan, CampaignPlan? Campaign, IResult? Refused) Scope(HttpContext context, ConsoleService console, string id)
    {
        if (console.ViewerOf(context) is not { } viewer)
        {
            return (null, null, null, null, Results.Redirect("/login"));
        }
        if (console.Plans.Campaign(id) is not var (file, plan, campaign) || !viewer.CanSee(plan, campaign))
        {
            return (viewer, null, null, null, console.Message(context, viewer, "无权查看", "此抽查任务不在您的范围内", StatusCodes.Status403Forbidden));
        }
        return (viewer, file, plan, campaign, null);
    }

    private static IResult Campaign(HttpContext context, ConsoleService console, string id, ActionView? outcome, int status = StatusCodes.Status200OK)
    {
        var (viewer, file, plan, campaign, refused) = Scope(context, console, id);
        if (refused is not null)
        {
            return refused;
        }
        var calendar = console.Calendar();
        var page = CampaignPage.Build(console.Layout(context, campaign!.Name, viewer), file!, plan!, campaign, calendar, console.Today(plan!),
            console.Data(plan!, campaign, calendar), viewer!, outcome);
        return console.Page("web-campaign", page, status);
    }

    private static IResult Template(HttpContext context, ConsoleService console, string id, string format)
    {
        var (viewer, _, plan, _, refused) = Scope(context, console, id);
        if (refused is not null)
        {
            return refused;
        }
        if (format is not ("xlsx" or "csv") || ResultsEntry.Drawn(console.Store, id) is not { } draw)
        {
            return console.Message(context, viewer, "没有录入表", ResultsEntry.NotDrawn("录入表", id), StatusCodes.Status404NotFound);
        }
        var bytes = ResultsEntry.Template(plan!, id, draw, format == "xlsx");
        return Results.File(bytes, format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
            $"{id}-检查结果录入表.{format}");
    }

    private static IResult Document(HttpContext context, ConsoleService console, string id, string path)
    {
        var (_, _, _, _, refused) = Scope(context, console, id);
        if (refused is not null)
        {
            return refused;
        }
        // Only a path the store recorded for this campaign: never a path taken from the address as it stands.
        if (!console.Store.DocumentsOf(id).Contains(path))
        {
            return Results.NotFound();
        }
        var full = Path.Combine(console.Options.Resolve(console.Options.Documents), path);
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" => "text/html; charset=utf-8",
            ".json" => "application/json; charset=utf-8",
            ".csv" => "text/csv; charset=utf-8",
            ".ics" => "text/calendar; charset=utf-8",
            ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ => "application/octet-stream",
        };
        return File.Exists(full) ? Results.File(full, type, Path.GetExtension(path) == ".html" ? null : Path.GetFileName(path)) : Results.NotFound();
    }

    /// <summary>The viewer, plan and campaign of an office's form post, or the response that refuses it.</summary>
    private static async Task<(Viewer?, AnnualPlan?, IFormCollection?, IResult?)> Post(HttpContext context, ConsoleService console, string id, bool office)
    {
        var (viewer, _, plan, _, refused) = Scope(context, console, id);
        if (refused is not null)
        {
            return (null, null, null, refused);
        }
        var form = await context.Request.ReadFormAsync();
        if (!console.FormTokenHolds(context, form["_form"]))
        {
            return (null, null, null, console.Message(context, viewer, "表单已失效", "请返回页面刷新后重新提交（表单校验码不符）", StatusCodes.Status400BadRequest));
        }
        if (office && !viewer!.IsOffice(plan!))
        {
            return (null, null, null, console.Message(context, viewer, "无权操作", "只有本年度计划的办公室联系人可以办理此事项", StatusCodes.Status403Forbidden));
        }
        return (viewer, plan, form, null);
    }

    private static async Task<IResult> ImportResults(HttpContext context, ConsoleService console, string id)
    {
        var (viewer, plan, form, refused) = await Post(context, console, id, office: true);
        if (refused is not null)
        {
            return refused;
        }
        if (form!.Files.GetFile("sheet") is not { Length: > 0 } file)
        {
            return Campaign(context, console, id, new ActionView(false, null, ["请选择要上传的检查结果录入表（.xlsx 或 .csv）"], []), StatusCodes.Status400BadRequest);
        }
        var name = Path.GetFileName(file.FileName);
        if (file.Length > SheetLimits.Default.MaxFileBytes)
        {
            return Campaign(context, console, id, ActionView.Of(ResultsEntry.Load(new byte[file.Length], name).Refused!), StatusCodes.Status400BadRequest);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var (sheet, unreadable) = ResultsEntry.Load(buffer.ToArray(), name);
        var outcome = sheet is null ? unreadable!
            : ResultsEntry.Enter(console.Store, plan!, id, sheet, name, $"{viewer!.Actor}|import:{name}", console.Today(plan!));
        if (outcome.Done)
        {
            await console.TickSoon();
        }
        return Campaign(context, console, id, ActionView.Of(outcome, sheet), outcome.Done ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Publish(HttpContext context, ConsoleService console, string id)
    {
        var (viewer, plan, form, refused) = await Post(context, console, id, office: true);
        if (refused is not null)
        {
            return refused;
        }
        var outcome = PublicationConfirmation.Confirm(console.Store, plan!, id, form!["url"].ToString().Trim(), form["on"].ToString().Trim(), bulletin: false, departmentId: null,
            console.Today(plan!), console.Now, viewer!.Actor, "公示网址", "公示日期");
        if (outcome.Done)
        {
            await console.TickSoon();
        }
        return Campaign(context, console, id, ActionView.Of(outcome), outcome.Done ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> CloseFollowUp(HttpContext context, ConsoleService console, string id)
    {
        var (viewer, plan, form, refused) = await Post(context, console, id, office: true);
        if (refused is not null)
        {
            return refused;
        }
        if (!Actions.TryGetValue(form!["action"].ToString(), out var action))
        {
            return Campaign(context, console, id, new ActionView(false, null, ["请选择处理方式"], []), StatusCodes.Status422UnprocessableEntity);
        }
        var outcome = FollowUpClosing.Close(console.Store, plan, console.Calendar(), id, form["entity"].ToString(), form["department"].ToString(), action,
            form["note"].ToString().Trim(), console.Today(plan!), viewer!.Actor);
        return Campaign(context, console, id, ActionView.Of(outcome), outcome.Done ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ConfirmList(HttpContext context, ConsoleService console, string id)
    {
        var (viewer, plan, form, refused) = await Post(context, console, id, office: false);
        if (refused is not null)
        {
            return refused;
        }
        var department = form!["department"].ToString();
        if (!viewer!.IsOffice(plan!) && viewer.DepartmentsOf(plan!).All(d => d.Id != department))
        {
            return console.Message(context, viewer, "无权操作", "只能确认本部门的抽查名单", StatusCodes.Status403Forbidden);
        }
        var outcome = ListConfirmation.Confirm(console.Store, plan!, id, department, null, viewer.Name, console.Today(plan!), console.Now, viewer.Actor);
        if (outcome.Done)
        {
            await console.TickSoon();
        }
        return Campaign(context, console, id, ActionView.Of(outcome), outcome.Done ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}
