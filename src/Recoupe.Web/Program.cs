namespace Recoupe.Web;

/// <summary>Runs the web app on its own (<c>dotnet Recoupe.Web.dll</c>); <c>recoupe serve</c> runs the same app.</summary>
public sealed class Program
{
    public static void Main(string[] args) => RecoupeWebApp.Create(args).Run();
}
