using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Campaigns.Jobs;

/// <summary>
/// Hangfire's log provider is one process-wide static, set by the last host that configured Hangfire. A host that has
/// been disposed (several hosts run in one test process, one after another) must not make the next host's storage or
/// server fail when they ask for a logger: a disposed factory gives a logger that says nothing.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new Silent();
        }
    }

    private sealed class Silent : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
