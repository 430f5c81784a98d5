using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Campaigns.Tests.Web;

/// <summary>
/// Debian's headless Chromium through its own chromedriver (ops/chromium install): the service is pointed at
/// /usr/bin/chromedriver, so Selenium Manager never looks for, or downloads, a driver or a browser.
/// </summary>
public static class Browser
{
    public const string Driver = "/usr/bin/chromedriver";
    public const string Chromium = "/usr/bin/chromium";

    public static ChromeDriver Start(string downloads)
    {
        if (!File.Exists(Driver) || !File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} or {Driver} is missing: run ops/chromium install (as root), which ops/test does.");
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1600", "--lang=zh-CN");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return driver;
    }

    /// <summary>Saves what the browser shows as shots/NN-name.png, in the order the test run took them.</summary>
    public static void Shoot(IWebDriver driver, string folder, string name)
    {
        Directory.CreateDirectory(folder);
        // The whole page, not the window: the height follows the document (capped), so a long page is in one shot.
        var width = driver.Manage().Window.Size.Width;
        var height = Convert.ToInt32(((IJavaScriptExecutor)driver).ExecuteScript("return Math.min(document.documentElement.scrollHeight, 6000);"));
        var before = driver.Manage().Window.Size;
        driver.Manage().Window.Size = new System.Drawing.Size(width, Math.Max(height + 140, 600));
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(folder, $"{name}.png"));
        driver.Manage().Window.Size = before;
    }
}
