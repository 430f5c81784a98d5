using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Fixtures;

/// <summary>The address a started worker's HTTP host listens on (tests give it port 0: any free port).</summary>
public static class HostHttp
{
    public static Uri BaseAddress(IHost host) =>
        new(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");

    public static HttpClient Client(IHost host) => new() { BaseAddress = BaseAddress(host) };
}
