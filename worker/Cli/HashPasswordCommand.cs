using System.CommandLine;
using Campaigns.Hosting;

namespace Campaigns.Cli;

/// <summary>
/// `hash-password`: reads the dashboard admin's password from standard input (so it stays out of the shell history and
/// the process list) and prints the hash for Campaigns__AdminPasswordHash.
/// </summary>
public static class HashPasswordCommand
{
    public static Command Create()
    {
        var command = new Command("hash-password", "Read a password from standard input; print its PBKDF2 hash for Campaigns:AdminPasswordHash.");
        command.SetAction(_ =>
        {
            var password = Console.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine("标准输入中没有密码（no password on standard input: echo the password | campaigns hash-password）");
                return 1;
            }
            Console.Out.WriteLine(AdminPassword.Hash(password));
            return 0;
        });
        return command;
    }
}
