using System.Net.Http.Headers;
using System.Text;
using Campaigns.Engine;
using Campaigns.Hosting;
using Campaigns.Host;
using Campaigns.Jobs;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Campaigns.Tests.Web;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Hosting;

/// <summary>
/// Issue 12's division of labour in a running worker: a message that fails on its own is retried by Hangfire, a dead letter
/// is a Failed job, `deliveries retry` requeues that job, and the ledger and the dashboard agree at every step.
/// </summary>
public sealed class DeadLetterJobTests : IDisposable
{
    private const string Password = "dead letters are jobs";
    private readonly WorkerHttpHost _worker = new();

    public void Dispose() => _worker.Dispose();

    private IHost Start() => _worker.Build(new Dictionary<string, string?>
    {
        ["Campaigns:AdminPasswordHash"] = AdminPassword.Hash(Password),
        ["Campaigns:MaxDeliveryAttempts"] = "2",
    });

    private long Owe(IHost host, string key, params string[] attachments) => OwedMail.Add(host, _worker.Clock.GetUtcNow(), key, attachments);

    private static async Task<string> FailedPage(IHost host)
    {
        using var http = HostHttp.Client(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "jobs/jobs/failed");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The dead rows' jobs, and Hangfire's failed delivery jobs: the two lists that must always be the same.</summary>
    private static (string Ledger, string Hangfire) DeadLetters(IHost host) => (
        string.Join(",", host.Services.GetRequiredService<CampaignStore>().DeliveryJobs().Where(d => d.State == "dead").Select(d => d.JobId ?? "(none)").Order(StringComparer.Ordinal)),
        string.Join(",", host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().FailedJobs(0, 100)
            .Where(j => j.Value.Job?.Type == typeof(DeliveryJob)).Select(j => j.Key).Order(StringComparer.Ordinal)));

    [Fact]
    public async Task DeadLetter_AFailedJobOnTheDashboard_RetryRequeuesThatJobAndItIsSent()
    {
        using var host = Start();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        var store = host.Services.GetRequiredService<CampaignStore>();
        var storage = host.Services.GetRequiredService<JobStorage>();
        var id = Owe(host, "late-attachment", "2026/迟到的附件.html");

        // The pass: the missing attachment is this message's own failure (attempt 1 of 2), so a Hangfire job takes it.
        var pass = await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        pass.Failures.ShouldHaveSingleItem().ShouldBe(new DeliveryFailure(id, pass.Failures[0].Error, Dead: false));
        var jobId = store.DeliveryJobs().ShouldHaveSingleItem().JobId.ShouldNotBeNull();
        await JobStates.WaitFor(storage, jobId, ScheduledState.StateName);

        // Its retry comes (now, rather than in a minute): attempt 2 of 2 fails, and the job ends Failed.
        host.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId);
        await JobStates.WaitFor(storage, jobId, FailedState.StateName);
        var dead = store.Deliveries("dead").ShouldHaveSingleItem();
        (dead.Id, dead.Attempts).ShouldBe((id, 2));
        DeadLetters(host).ShouldBe((jobId, jobId));
        var page = await FailedPage(host);
        page.ShouldContain($"deliveries #{id}");
        page.ShouldContain("迟到的附件.html", Case.Sensitive, "the job shows the message's error");

        // An admin puts the file in place and retries: the sweep requeues that same job, which sends the message.
        var documents = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        Directory.CreateDirectory(Path.Combine(documents.Resolve(documents.Documents), "2026"));
        File.WriteAllText(Path.Combine(documents.Resolve(documents.Documents), "2026", "迟到的附件.html"), "<html>附件</html>");
        store.Retry(id, _worker.Clock.GetUtcNow()).ShouldBeTrue();
        // The worker's own sweep may come first; either way the same job is requeued.
        host.Services.GetRequiredService<OutboxSweep>().Reconcile().ShouldBeLessThanOrEqualTo(1);
        await JobStates.WaitFor(storage, jobId, SucceededState.StateName);

        store.Deliveries().Single(d => d.Id == id).State.ShouldBe("sent");
        DeadLetters(host).ShouldBe(("", ""));
        (await FailedPage(host)).ShouldNotContain($"deliveries #{id}");
        await host.StopAsync();
    }

    [Fact]
    public async Task DeadLetter_HangfireLostItsJobs_TheSweepMakesTheFailedJobAgain()
    {
        using var host = Start();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        var store = host.Services.GetRequiredService<CampaignStore>();
        // A dead letter with no job: from before jobs, or the embedded store's in-memory jobs lost at a restart.
        var id = Owe(host, "refused");
        store.MarkFailed(id, "550 5.1.1 mailbox unavailable", dead: true);
        DeadLetters(host).ShouldBe(("(none)", ""));
        // And one whose job id now names another job: the in-memory store numbers jobs from 1 again after a restart.
        var other = Owe(host, "refused-too");
        var unrelated = host.Services.GetRequiredService<IBackgroundJobClient>().Create<OutboxJob>(job => job.SendAsync(CancellationToken.None), new DeletedState());
        store.MarkFailed(other, "550 5.1.1 no such user", dead: true, jobId: unrelated);

        // The sweep of the process that starts next: a running one looked through its dead letters once, at its start.
        host.Services.GetRequiredService<OutboxSweep>().Reconcile().ShouldBe(0);
        var sweep = ActivatorUtilities.CreateInstance<OutboxSweep>(host.Services);
        sweep.Reconcile().ShouldBe(2);
        sweep.Reconcile().ShouldBe(0, "once is enough");

        var (ledger, hangfire) = DeadLetters(host);
        ledger.Split(',').Length.ShouldBe(2);
        ledger.ShouldNotContain("(none)");
        ledger.Split(',').ShouldNotContain(unrelated);
        hangfire.ShouldBe(ledger);
        var page = await FailedPage(host);
        page.ShouldContain("550 5.1.1 mailbox unavailable");
        page.ShouldContain("550 5.1.1 no such user");
        await host.StopAsync();
    }

    [Fact]
    public async Task Sweep_APassThatFailed_IsRequeuedRatherThanJoinedByANewOne()
    {
        using var host = Start();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        string[] Passes() => [.. storage.GetMonitoringApi().SucceededJobs(0, 1000).Where(j => j.Value.Job?.Type == typeof(OutboxJob)).Select(j => j.Key)];
        var before = Passes();
        var failed = jobs.Create<OutboxJob>(job => job.SendAsync(CancellationToken.None), new FailedState(new InvalidOperationException("the store went away")));
        Owe(host, "owed");

        var sweep = host.Services.GetRequiredService<OutboxSweep>();
        var enqueued = Enumerable.Range(0, 5).Count(_ => sweep.Enqueue());
        await HostTicks.WaitFor(host);

        enqueued.ShouldBeLessThanOrEqualTo(1, "one pass at a time (the worker's own sweep may have been first)");
        Passes().Except(before).ShouldBe([failed], "the failed pass ran again; no second pass was made beside it");
        storage.GetMonitoringApi().FailedCount().ShouldBe(0);
        host.Services.GetRequiredService<CampaignStore>().Deliveries().Single(d => d.IdempotencyKey == "owed").State.ShouldBe("sent");
        await host.StopAsync();
    }

    [Fact]
    public async Task Sweep_APassWaitingOutItsBackOff_RunsAtOnceWhenTheStoreAnswers()
    {
        using var host = Start();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        // As Hangfire leaves a pass that the store's restart stopped: scheduled again after a back-off.
        var retrying = jobs.Create<OutboxJob>(job => job.SendAsync(CancellationToken.None), new ScheduledState(TimeSpan.FromMinutes(10)));
        Owe(host, "owed after a restart");

        var sweep = host.Services.GetRequiredService<OutboxSweep>();
        var enqueued = Enumerable.Range(0, 5).Count(_ => sweep.Enqueue());

        enqueued.ShouldBeLessThanOrEqualTo(1, "one pass at a time (the worker's own sweep may have been first)");
        await JobStates.WaitFor(storage, retrying, SucceededState.StateName);
        storage.GetMonitoringApi().ScheduledJobs(0, 100).ShouldNotContain(j => j.Value.Job!.Type == typeof(OutboxJob));
        host.Services.GetRequiredService<CampaignStore>().Deliveries().Single(d => d.IdempotencyKey == "owed after a restart").State.ShouldBe("sent");
        await host.StopAsync();
    }

    [Fact]
    public async Task Dashboard_TwoDeadLetters_ChromiumShowsBothFailedJobsWithTheirErrors()
    {
        using var host = Start();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        var store = host.Services.GetRequiredService<CampaignStore>();
        var first = Owe(host, "refused-mailbox");
        store.MarkFailed(first, "550 5.1.1 <market@qinghe.example>: mailbox unavailable", dead: true);
        var second = Owe(host, "refused-user");
        store.MarkFailed(second, "550 5.1.1 <culture@qinghe.example>: no such user", dead: true);
        // The sweep of a process starting now gives each dead letter its Failed job.
        ActivatorUtilities.CreateInstance<OutboxSweep>(host.Services).Reconcile().ShouldBe(2);
        var (ledger, hangfire) = DeadLetters(host);
        hangfire.ShouldBe(ledger);

        var shot = Path.Combine(ConsoleWorker.Shots, "jobs-failed-deliveries.png");
        Directory.CreateDirectory(ConsoleWorker.Shots);
        File.Delete(shot);
        using var downloads = new TempFolder();
        var driver = Browser.Start(downloads.Path);
        try
        {
            // The Basic login on every request, the page's stylesheets and scripts included (credentials in the address
            // are dropped from those, and the dashboard would show unstyled).
            driver.ExecuteCdpCommand("Network.enable", []);
            driver.ExecuteCdpCommand("Network.setExtraHTTPHeaders", new Dictionary<string, object?>
            {
                ["headers"] = new Dictionary<string, object> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}")) },
            });
            driver.Navigate().GoToUrl(new Uri(HostHttp.BaseAddress(host), "jobs/jobs/failed"));
            var page = driver.PageSource;
            // The dashboard as Hangfire made it: its stylesheets and its script (the Requeue button) loaded and allowed.
            var script = (OpenQA.Selenium.IJavaScriptExecutor)driver;
            script.ExecuteScript("return document.styleSheets.length").ShouldBeOfType<long>().ShouldBeGreaterThan(0);
            script.ExecuteScript("return typeof window.Hangfire").ShouldBe("object");
            page.ShouldContain($"deliveries #{first}");
            page.ShouldContain($"deliveries #{second}");
            page.ShouldContain("mailbox unavailable");
            page.ShouldContain("no such user");
            // What an admin sees: saved beside the console's screenshots (the picture of a dead letter).
            Browser.Shoot(driver, ConsoleWorker.Shots, "jobs-failed-deliveries");
        }
        finally
        {
            driver.Quit();
        }
        File.Exists(shot).ShouldBeTrue();
        await host.StopAsync();
    }
}
